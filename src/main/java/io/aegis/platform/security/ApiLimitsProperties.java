package io.aegis.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What one kind of API call may take ({@link ApiConcern}): threads of its own and a bounded queue (beyond them: 503),
 * and how many may be open at once per tenant and per caller (one token subject of one tenant: a user, or a service
 * client; beyond: 429). {@code listMaxPages}: index pages one list call may read.
 */
@ConfigurationProperties("aegis.api")
public record ApiLimitsProperties(Concern uploads, Concern reads, Concern eventStreams, int listMaxPages) {

    public ApiLimitsProperties {
        uploads = uploads == null ? new Concern(16, 16, 8, 6, 0) : uploads;
        reads = reads == null ? new Concern(32, 64, 0, 0, 0) : reads;
        eventStreams = eventStreams == null ? new Concern(0, 1000, 100, 10, 256) : eventStreams;
        listMaxPages = listMaxPages <= 0 ? 10 : listMaxPages;
    }

    /**
     * @param threads   threads that run these calls (event streams: none of their own, one per stream while it is
     *                  being written, at most {@code queue})
     * @param queue     calls waiting for a thread (event streams: open streams in all); then 503
     * @param perTenant open at once per tenant (0 = no cap); then 429
     * @param perCaller open at once per caller (0 = no cap); then 429
     * @param buffered  event streams: events waiting to be written to one stream; a stream further behind is closed
     *                  (its client reconnects and reads the list again)
     */
    public record Concern(int threads, int queue, int perTenant, int perCaller, int buffered) {

        /** Calls of this kind in the process at once: running plus waiting. */
        public int inFlight() {
            return threads + queue;
        }
    }
}
