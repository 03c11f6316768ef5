package io.aegis.ingest;

import io.aegis.orchestrate.AwaitedUploads;
import io.aegis.orchestrate.PresignedUploadProperties;
import io.aegis.state.PendingUpload;
import io.aegis.state.PendingUploadStore;
import io.aegis.state.RawObjects;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One look at the pending presigned uploads, by expiry, never by a scan: first those past their URL's expiry plus
 * grace (oldest first; expired unless their object is there after all), then, while polling (the embedded S3 sends
 * no events), the next {@code max-per-check} in expiry order after where the previous look stopped. So every pending
 * upload is looked at within ceil(pending / max-per-check) checks, whichever tenant holds the others: the bound a
 * per-tenant cap on pending uploads keeps small. Keys whose object has landed become the body (the route starts
 * their jobs).
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
    // Where the polling walk goes on next time; in memory: a restart begins at the oldest again.
    private volatile Map<String, AttributeValue> walk;

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
        Set<String> looked = new HashSet<>();
        for (PendingUpload upload : pending.expiredBy(now.minus(presign.grace()), presign.maxPerCheck())) {
            looked.add(upload.rawKey());
            // Even past the deadline, an object that is there is taken: its PUT began while the URL was valid.
            if (raw.sizeIfPresent(upload.rawKey()).isPresent()) {
                landed.add(upload.rawKey());
            } else {
                awaited.expire(upload);
            }
        }
        if (presign.poll()) {
            PendingUploadStore.Page page = pending.after(walk, presign.maxPerCheck());
            walk = page.next();
            for (PendingUpload upload : page.uploads()) {
                if (looked.add(upload.rawKey()) && raw.sizeIfPresent(upload.rawKey()).isPresent()) {
                    landed.add(upload.rawKey());
                }
            }
        }
        exchange.getMessage().setBody(landed);
    }
}
