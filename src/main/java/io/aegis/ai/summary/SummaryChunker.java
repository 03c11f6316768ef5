package io.aegis.ai.summary;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Body: the text to summarise → the list of chunks that each fit one model call. */
@Component("summaryChunker")
public class SummaryChunker implements Processor {

    private final TextChunker chunker;

    public SummaryChunker(SummaryProperties summary) {
        this.chunker = TextChunker.ofTokens(summary.chunkTokens());
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(chunker.chunks(exchange.getMessage().getBody(String.class)));
    }
}
