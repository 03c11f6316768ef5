package io.aegis.api;

import io.aegis.orchestrate.SafeFileName;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.RawObjects;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * Takes the multipart field {@code file} (already spooled to a temp file by the servlet container, never
 * held in memory), assigns job and asset ids and prepares the raw-bucket put under
 * {@code {tenant}/{assetId}/original/{safe-name}}. The temp file is removed when the exchange ends.
 */
@Component("uploadReceiver")
public class UploadReceiver implements Processor {

    static final String FIELD = "file";

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Path spooled = in.getBody() instanceof Path path ? path : null;
        deleteWhenDone(exchange, spooled);
        AttachmentMessage attachments = exchange.getMessage(AttachmentMessage.class);
        boolean hasFileField = attachments.hasAttachments() && attachments.getAttachmentNames().contains(FIELD);
        if (spooled == null || !hasFileField || attachments.getAttachmentNames().size() != 1) {
            throw ApiProblem.badRequest("send exactly one file, as multipart/form-data field '" + FIELD + "'");
        }
        String tenant = in.getHeader(AegisHeaders.TENANT, String.class);
        String jobId = UUID.randomUUID().toString();
        String assetId = UUID.randomUUID().toString();
        String filename = SafeFileName.of(in.getHeader(Exchange.FILE_NAME, String.class));
        String key = RawObjects.originalKey(tenant, assetId, filename);
        File file = spooled.toFile();

        in.setHeader(AegisHeaders.JOB_ID, jobId);
        in.setHeader(AegisHeaders.ASSET_ID, assetId);
        in.setHeader(AegisHeaders.FILENAME, filename);
        in.setHeader(AegisHeaders.RAW_KEY, key);
        in.setHeader(AegisHeaders.SIZE_BYTES, file.length());
        in.setHeader(AegisHeaders.PRIORITY, in.getHeader("priority", String.class));
        in.setHeader(AWS2S3Constants.KEY, key);
        in.setHeader(AWS2S3Constants.CONTENT_LENGTH, file.length());
        // Stored as opaque bytes: the client's Content-Type is a claim the validate step does not trust.
        in.setHeader(AWS2S3Constants.CONTENT_TYPE, "application/octet-stream");
        in.setBody(file);
    }

    private static void deleteWhenDone(Exchange exchange, Path spooled) {
        if (spooled == null) {
            return;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (java.io.IOException ignored) {
                    // The container's temp directory is cleaned on restart anyway.
                }
            }
        });
    }
}
