package io.aegis.ai.summary;

import io.aegis.text.Sentences;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Body: the text to summarise → the list of chunks that each fit one model call. */
@Component("summaryChunker")
public class SummaryChunker implements Processor {

    private final TextChunker chunker;

    public SummaryChunker(SummaryProperties summary, Sentences sentences) {
        this.chunker = TextChunker.ofTokens(summary.chunkTokens(), sentences);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(chunker.chunks(exchange.getMessage().getBody(String.class)));
    }
}
