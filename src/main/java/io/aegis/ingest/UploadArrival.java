package io.aegis.ingest;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.PendingUpload;
import io.aegis.state.PendingUploadStore;
import io.aegis.state.RawObjects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An object appeared at a raw-bucket key (S3 event or poll). If a presigned upload awaits that key, sets the
 * headers {@code direct:create-job} needs, with the size S3 actually stored; any other key is not ours here.
 */
@Component("uploadArrival")
public class UploadArrival implements Processor {

    public static final String ACCEPTED = "aegis.uploadLanded";
    private static final Logger log = LoggerFactory.getLogger(UploadArrival.class);

    private final PendingUploadStore pending;
    private final RawObjects raw;

    public UploadArrival(PendingUploadStore pending, RawObjects raw) {
        this.pending = pending;
        this.raw = raw;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String key = in.getHeader(AWS2S3Constants.KEY, String.class);
        Optional<PendingUpload> awaited = key == null ? Optional.empty() : pending.find(key);
        OptionalLong size = awaited.isPresent() ? raw.sizeIfPresent(key) : OptionalLong.empty();
        exchange.setProperty(ACCEPTED, size.isPresent());
        if (size.isEmpty()) {
            return;
        }
        PendingUpload upload = awaited.get();
        in.setHeader(AegisHeaders.JOB_ID, upload.jobId());
        in.setHeader(AegisHeaders.ASSET_ID, upload.assetId());
        in.setHeader(AegisHeaders.TENANT, upload.tenant());
        in.setHeader(AegisHeaders.FILENAME, upload.filename());
        in.setHeader(AegisHeaders.RAW_KEY, upload.rawKey());
        in.setHeader(AegisHeaders.SIZE_BYTES, size.getAsLong());
        log.info("presigned upload landed: {} ({} bytes) → job {}", key, size.getAsLong(), upload.jobId());
    }
}
