package io.aegis.ai;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.RawObjects;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads the text to summarise from the raw object, at most {@code aegis.limits.summarize-max-chars} bytes:
 * a huge log file is summarised from its beginning rather than exhausting the worker's heap.
 */
@Component("textLoader")
public class TextLoader implements Processor {

    private final RawObjects raw;
    private final long maxBytes;

    public TextLoader(RawObjects raw, @Value("${aegis.limits.summarize-max-chars}") long maxBytes) {
        this.raw = raw;
        this.maxBytes = maxBytes;
    }

    @Override
    public void process(Exchange exchange) {
        String key = exchange.getMessage().getHeader(AegisHeaders.RAW_KEY, String.class);
        exchange.getMessage().setBody(new String(raw.head(key, maxBytes), StandardCharsets.UTF_8));
    }
}
