package io.aegis.ingest;

import io.aegis.orchestrate.AwaitedUploads;
import io.aegis.orchestrate.PresignedUploadProperties;
import io.aegis.state.PendingUpload;
import io.aegis.state.PendingUploadStore;
import io.aegis.state.RawObjects;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * One look at the pending presigned uploads: the keys whose object has landed become the body (the route
 * starts their jobs), and an upload past its URL's expiry plus grace with still no object is expired. With
 * polling off (S3 events announce arrivals), only uploads past their deadline are looked at.
 */
@Component("pendingUploadChecker")
public class PendingUploadChecker implements Processor {

    /** Header: the instant to judge deadlines at (tests); the system clock when absent. */
    public static final String NOW = "aegis.now";

    private final PendingUploadStore pending;
    private final RawObjects raw;
    private final AwaitedUploads awaited;
    private final PresignedUploadProperties presign;
    private final Clock clock = Clock.systemUTC();

    public PendingUploadChecker(PendingUploadStore pending, RawObjects raw, AwaitedUploads awaited,
                                PresignedUploadProperties presign) {
        this.pending = pending;
        this.raw = raw;
        this.awaited = awaited;
        this.presign = presign;
    }

    @Override
    public void process(Exchange exchange) {
        Instant now = exchange.getMessage().getHeader(NOW, clock.instant(), Instant.class);
        List<String> landed = new ArrayList<>();
        for (PendingUpload upload : pending.list(presign.maxPerCheck())) {
            boolean overdue = upload.overdue(now, presign.grace());
            if (!presign.poll() && !overdue) {
                continue;
            }
            // Even past the deadline, an object that is there is taken: its PUT began while the URL was valid.
            if (raw.sizeIfPresent(upload.rawKey()).isPresent()) {
                landed.add(upload.rawKey());
            } else if (overdue) {
                awaited.expire(upload);
            }
        }
        exchange.getMessage().setBody(landed);
    }
}
