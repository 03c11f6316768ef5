package io.aegis.ingest;

import io.aegis.orchestrate.SafeFileName;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.platform.security.TenantNames;
import io.aegis.state.RawObjects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Moves a dropped object from the inbox to {@code {tenant}/{assetId}/original/{safe-name}} and sets the
 * headers {@code direct:create-job} needs. The copy happens before the job exists and the delete only
 * after (see {@link InboxObjectRemover}), so a crash at any point leaves the object to be picked up again.
 * A key that names no tenant is moved to the rejected prefix, never silently dropped.
 */
@Component("inboxObjectMover")
public class InboxObjectMover implements Processor {

    public static final String ACCEPTED = "aegis.inboxAccepted";
    private static final Logger log = LoggerFactory.getLogger(InboxObjectMover.class);

    private final S3Client s3;
    private final InboxProperties inbox;
    private final TenantNames tenants;
    private final String bucket;

    public InboxObjectMover(S3Client s3, InboxProperties inbox, TenantNames tenants, ResourceNames names) {
        this.s3 = s3;
        this.inbox = inbox;
        this.tenants = tenants;
        this.bucket = names.buckets().raw();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String key = in.getHeader(AWS2S3Constants.KEY, String.class);
        Optional<HeadObjectResponse> head = head(key);
        exchange.setProperty(ACCEPTED, false);
        if (head.isEmpty()) {
            log.debug("inbox object {} is gone (already ingested)", key);
            return;
        }
        Optional<InboxKey> parsed = InboxKey.parse(inbox.prefix(), key, head.get().eTag());
        // A reserved name (inbox/inbox/x) would put the tenant's objects where drop-ins are looked for.
        if (parsed.isEmpty() || !tenants.allowed(parsed.get().tenant())) {
            reject(key);
            return;
        }
        InboxKey dropped = parsed.get();
        String filename = SafeFileName.of(dropped.name());
        String target = RawObjects.originalKey(dropped.tenant(), dropped.assetId(), filename);
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(target));

        exchange.setProperty(ACCEPTED, true);
        in.setHeader(AegisHeaders.JOB_ID, dropped.jobId());
        in.setHeader(AegisHeaders.ASSET_ID, dropped.assetId());
        in.setHeader(AegisHeaders.TENANT, dropped.tenant());
        in.setHeader(AegisHeaders.FILENAME, filename);
        in.setHeader(AegisHeaders.RAW_KEY, target);
        in.setHeader(AegisHeaders.SIZE_BYTES, head.get().contentLength());
        log.info("inbox object {} → job {} of tenant {}", key, dropped.jobId(), dropped.tenant());
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException gone) {
            return Optional.empty();
        }
    }

    private void reject(String key) {
        String target = inbox.rejectedPrefix() + key;
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(target));
        s3.deleteObject(b -> b.bucket(bucket).key(key));
        log.warn("inbox object {} names no valid tenant (expected {}<tenant>/<name>): moved to {}",
                key, inbox.prefix(), target);
    }
}
