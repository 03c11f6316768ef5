package io.aegis.state;

import java.time.Duration;
import java.time.Instant;

/**
 * A presigned upload whose object has not landed yet: its job exists (QUEUED, not announced) and starts when
 * the object appears at {@code rawKey}. {@code urlExpiresAt} is when S3 stops accepting the PUT.
 */
public record PendingUpload(String rawKey, String jobId, String tenant, String assetId, String filename,
                            long declaredBytes, String contentType, Instant createdAt, Instant urlExpiresAt) {

    /** True once the URL has expired and the grace for a PUT still in flight has passed too. */
    public boolean overdue(Instant now, Duration grace) {
        return now.isAfter(urlExpiresAt.plus(grace));
    }
}
