package io.aegis.ai;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.RawObjects;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads the text to summarise, at most {@code aegis.limits.summarize-max-chars} bytes (a huge log file is
 * summarised from its beginning rather than exhausting the worker's heap): a text upload itself, or the
 * {@code text.txt} an earlier step left in the processed bucket (a PDF's pages, a recording's transcript).
 */
@Component("textLoader")
public class TextLoader implements Processor {

    private final RawObjects raw;
    private final ProcessedObjects processed;
    private final long maxBytes;

    public TextLoader(RawObjects raw, ProcessedObjects processed,
                      @Value("${aegis.limits.summarize-max-chars}") long maxBytes) {
        this.raw = raw;
        this.processed = processed;
        this.maxBytes = maxBytes;
    }

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        if ("text".equals(message.getHeader(AegisHeaders.MEDIA_TYPE, String.class))) {
            String key = message.getHeader(AegisHeaders.RAW_KEY, String.class);
            message.setBody(new String(raw.head(key, maxBytes), StandardCharsets.UTF_8));
            skipWhenBlank(exchange);
            return;
        }
        String key = ProcessedObjects.key(message.getHeader(AegisHeaders.TENANT, String.class),
                message.getHeader(AegisHeaders.ASSET_ID, String.class), ProcessedObjects.TEXT);
        // No text.txt means the earlier step found nothing (a silent recording).
        message.setBody(processed.headText(key, maxBytes).orElse(""));
        skipWhenBlank(exchange);
    }

    /** No text, no model call: the step is SKIPPED and the summary recorded as unavailable. */
    private static void skipWhenBlank(Exchange exchange) {
        if (exchange.getMessage().getBody(String.class).isBlank()) {
            exchange.setProperty(AegisHeaders.STEP_SKIPPED, "there is no text to summarise");
        }
    }
}
