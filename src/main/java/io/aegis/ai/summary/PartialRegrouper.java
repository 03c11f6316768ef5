package io.aegis.ai.summary;

import io.aegis.platform.AegisHeaders;
import io.aegis.text.Sentences;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After a map pass: the partial summaries, in document order, regrouped into chunks of the same budget.
 * One chunk left means they fit a single call and the final summary can be made from them.
 */
@Component("partialRegrouper")
public class PartialRegrouper implements Processor {

    /** Exchange property: map passes done so far. */
    static final String PASSES = "aegis.summaryPasses";

    private static final Logger log = LoggerFactory.getLogger(PartialRegrouper.class);

    private final TextChunker chunker;

    public PartialRegrouper(SummaryProperties summary, Sentences sentences) {
        this.chunker = TextChunker.ofTokens(summary.chunkTokens(), sentences);
    }

    @Override
    public void process(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<String> partials = exchange.getMessage().getBody(List.class);
        String joined = String.join("\n\n", partials.stream().filter(p -> p != null && !p.isBlank()).toList());
        exchange.getMessage().setBody(chunker.chunks(joined));
        exchange.setProperty(PASSES, exchange.getProperty(PASSES, 0, Integer.class) + 1);
    }

    /** The text of the final call: the one chunk left, or — if the passes ran out — the first that fits. */
    public void finalText(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<String> chunks = exchange.getMessage().getBody(List.class);
        if (chunks.size() > 1) {
            log.warn("job {}: partial summaries still fill {} calls after the last pass; summarising the first",
                    exchange.getMessage().getHeader(AegisHeaders.JOB_ID), chunks.size());
        }
        exchange.getMessage().setBody(chunks.get(0));
    }
}
