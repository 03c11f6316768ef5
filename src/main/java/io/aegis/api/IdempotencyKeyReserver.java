package io.aegis.api;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.JobStore;
import io.aegis.state.UploadReservation;
import io.aegis.state.UploadReservationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * POST /v1/upload with an {@code Idempotency-Key}: reserves the key for this upload's ids before anything is
 * stored. A key already held by an upload whose job exists is a replay: the route answers with that job and
 * stores nothing ({@link #REPLAY}). A key held by an upload still in flight is 409 with Retry-After. The
 * reservation is freed when this upload ends without its job, so a failed upload can be retried with its key.
 * The key names the request, not the file: the same key with another file is answered with the first job.
 */
@Component("idempotencyKeyReserver")
public class IdempotencyKeyReserver implements Processor {

    public static final String HEADER = "Idempotency-Key";
    /** Exchange property: true when the answer is a replay of an earlier upload's. */
    public static final String REPLAY = "aegis.idempotentReplay";
    /** Response header: "true" on a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    private final UploadReservationStore reservations;
    private final JobStore jobs;
    private final IdempotencyProperties properties;
    private final Clock clock = Clock.systemUTC();

    public IdempotencyKeyReserver(UploadReservationStore reservations, JobStore jobs,
                                  IdempotencyProperties properties) {
        this.reservations = reservations;
        this.jobs = jobs;
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String key = in.getHeader(HEADER, String.class);
        in.removeHeader(HEADER);
        if (key == null) {
            return;
        }
        requireValid(key);
        Instant now = clock.instant();
        var wanted = new UploadReservation(in.getHeader(AegisHeaders.TENANT, String.class), key,
                in.getHeader(AegisHeaders.JOB_ID, String.class), in.getHeader(AegisHeaders.ASSET_ID, String.class),
                now, now.plus(properties.retention()));
        Optional<UploadReservation> holder = reservations.reserve(wanted);
        if (holder.isEmpty() || takeOverIfAbandoned(holder.get(), wanted, now)) {
            releaseUnlessJobMade(exchange, wanted);
            return;
        }
        UploadReservation earlier = holder.get();
        if (jobs.find(earlier.jobId()).isEmpty()) {
            throw new ApiProblem(409, "Conflict", "an upload with this Idempotency-Key is still in progress; retry shortly")
                    .retryAfterSeconds(1);
        }
        in.setHeader(AegisHeaders.JOB_ID, earlier.jobId());
        in.setHeader(AegisHeaders.ASSET_ID, earlier.assetId());
        exchange.setProperty(REPLAY, true);
    }

    /** 1–255 printable US-ASCII characters (space to tilde). */
    static void requireValid(String key) {
        boolean printable = key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !printable) {
            throw ApiProblem.badRequest(HEADER + " must be 1-" + MAX_KEY_LENGTH + " printable ASCII characters");
        }
    }

    private boolean takeOverIfAbandoned(UploadReservation holder, UploadReservation wanted, Instant now) {
        boolean abandoned = holder.reservedAt().plus(properties.abandonedAfter()).isBefore(now)
                && jobs.find(holder.jobId()).isEmpty();
        return abandoned && reservations.takeOver(holder, wanted);
    }

    // Runs when the exchange is done, whatever the outcome (the API's error handler marks failures handled).
    private void releaseUnlessJobMade(Exchange exchange, UploadReservation held) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (jobs.find(held.jobId()).isEmpty()) {
                    reservations.release(held);
                }
            }
        });
    }
}
