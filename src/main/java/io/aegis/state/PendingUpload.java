package io.aegis.state;

import java.time.Duration;
import java.time.Instant;

/**
 * A presigned upload whose object has not landed yet: its job exists (QUEUED, not announced) and starts when
 * the object appears at {@code rawKey}. {@code urlExpiresAt} is when S3 stops accepting the PUT. A multipart upload
 * also has S3's {@code uploadId} and the {@code partSize} its parts were cut at; its object appears when
 * {@code POST /v1/uploads/{jobId}/complete} assembles the parts, and {@code urlExpiresAt} is then the deadline of
 * the whole upload (part URLs are issued anew on request).
 */
public record PendingUpload(String rawKey, String jobId, String tenant, String assetId, String filename,
                            long declaredBytes, String contentType, Instant createdAt, Instant urlExpiresAt,
                            String uploadId, long partSize) {

    public PendingUpload(String rawKey, String jobId, String tenant, String assetId, String filename,
                         long declaredBytes, String contentType, Instant createdAt, Instant urlExpiresAt) {
        this(rawKey, jobId, tenant, assetId, filename, declaredBytes, contentType, createdAt, urlExpiresAt, null, 0);
    }

    public boolean multipart() {
        return uploadId != null;
    }

    /** How many parts a multipart upload has. */
    public int partCount() {
        return (int) ((declaredBytes + partSize - 1) / partSize);
    }

    /** The size part {@code number} (1-based) must have: partSize, the last one the rest. */
    public long partBytes(int number) {
        return number < partCount() ? partSize : declaredBytes - (long) (partCount() - 1) * partSize;
    }

    /** True once the URL has expired and the grace for a PUT still in flight has passed too. */
    public boolean overdue(Instant now, Duration grace) {
        return now.isAfter(urlExpiresAt.plus(grace));
    }
}
