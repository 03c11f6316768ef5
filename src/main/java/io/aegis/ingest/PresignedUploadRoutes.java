package io.aegis.ingest;

import io.aegis.orchestrate.PresignedUploadProperties;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.Roles;
import io.aegis.state.PendingUploadStore;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.springframework.stereotype.Component;

/**
 * Presigned uploads land straight in the raw bucket, so Aegis learns of them afterwards: from an S3 event on
 * aegis-ingest ({@link IngestRoutes}) or from the periodic check here, which also expires uploads that never
 * came (embedded S3 has no events, so there the check is the only way in).
 */
@Component
public class PresignedUploadRoutes extends RouteBuilder {

    private final PresignedUploadProperties presign;
    private final Roles roles;
    private final PendingUploadChecker pendingUploadChecker;
    private final UploadArrival uploadArrival;
    private final PendingUploadStore pendingUploadStore;

    public PresignedUploadRoutes(PresignedUploadProperties presign, Roles roles,
                                 PendingUploadChecker pendingUploadChecker, UploadArrival uploadArrival,
                                 PendingUploadStore pendingUploadStore) {
        this.presign = presign;
        this.roles = roles;
        this.pendingUploadChecker = pendingUploadChecker;
        this.uploadArrival = uploadArrival;
        this.pendingUploadStore = pendingUploadStore;
    }

    @Override
    public void configure() {
        long delay = presign.checkDelay().toMillis();
        from("timer:pending-uploads?delay=" + delay + "&period=" + delay).routeId("ingest.pending-uploads")
                .autoStartup(roles.has(Roles.ORCHESTRATOR))
                .to("direct:check-pending-uploads");

        from("direct:check-pending-uploads").routeId("ingest.check-pending-uploads")
                .process(pendingUploadChecker)
                .split(body())
                    .setHeader(AWS2S3Constants.KEY, body())
                    .to("direct:upload-landed")
                .end();

        // Shared by the check and S3 events; a key no presigned upload awaits is left alone.
        from("direct:upload-landed").routeId("ingest.upload-landed")
                .process(uploadArrival)
                .filter(exchangeProperty(UploadArrival.ACCEPTED).isEqualTo(true))
                    .to("direct:create-job")
                    // Only once the job is announced: a crash before this lands the upload again, harmlessly.
                    .bean(pendingUploadStore, "remove(${header[" + AegisHeaders.RAW_KEY + "]})")
                .end();
    }
}
