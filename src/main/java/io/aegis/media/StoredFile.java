package io.aegis.media;

import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * A file of a step's scratch directory on its way to the processed bucket through an {@code aws2-s3} endpoint, as the
 * built-in steps that only move bytes store their outputs (the poster, the soundtrack), like the steps declared in
 * routes/steps/ ({@code direct:record-rendition}): {@link #prepare} before the endpoint, {@link #stored} after it.
 */
public final class StoredFile {

    private StoredFile() {
    }

    /** The endpoint stores {@code file} (streamed with its length, never in the heap) as {@code key}. */
    public static void prepare(Exchange exchange, Path file, String key, String contentType) {
        Message message = exchange.getMessage();
        message.setHeader(AWS2S3Constants.KEY, key);
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, contentType);
        message.setBody(file.toFile());
    }

    /** The key just stored; the S3 headers are taken off so that nothing later in the route reuses them. */
    public static String stored(Exchange exchange) {
        Message message = exchange.getMessage();
        String key = message.getHeader(AWS2S3Constants.KEY, String.class);
        message.removeHeaders("CamelAwsS3*");
        message.setBody(null);
        return key;
    }
}
