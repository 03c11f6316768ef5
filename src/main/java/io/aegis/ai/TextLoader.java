package io.aegis.ai;

import io.aegis.platform.AegisHeaders;
import io.aegis.platform.ResourceNames;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Loads the text to summarise from the raw object, at most {@code aegis.limits.summarize-max-chars} bytes:
 * a huge log file is summarised from its beginning rather than exhausting the worker's heap.
 */
@Component("textLoader")
public class TextLoader implements Processor {

    private final S3Client s3;
    private final String bucket;
    private final long maxBytes;

    public TextLoader(S3Client s3, ResourceNames names, @Value("${aegis.limits.summarize-max-chars}") long maxBytes) {
        this.s3 = s3;
        this.bucket = names.buckets().raw();
        this.maxBytes = maxBytes;
    }

    @Override
    public void process(Exchange exchange) {
        String key = exchange.getMessage().getHeader(AegisHeaders.RAW_KEY, String.class);
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=0-" + (maxBytes - 1)))
                .asByteArray();
        exchange.getMessage().setBody(new String(bytes, StandardCharsets.UTF_8));
    }
}
