package io.aegis.orchestrate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Resumable uploads ({@code aegis.upload.multipart}): {@code POST /v1/uploads} of more than {@code threshold} bytes
 * answers with S3 multipart part URLs instead of one PUT.
 *
 * @param threshold larger declared sizes are multipart
 * @param partSize  bytes per part (S3: at least 5 MB except the last; at most 10,000 parts, so the part size grows
 *                  for a file over 10,000 × partSize)
 * @param expiry    deadline of the whole upload: not completed by then, its parts are discarded and the job FAILS
 *                  UPLOAD_EXPIRED (part URLs themselves live {@code aegis.upload.presign.expiry} and are issued anew
 *                  by {@code GET /v1/uploads/{jobId}})
 */
@ConfigurationProperties("aegis.upload.multipart")
public record MultipartUploadProperties(DataSize threshold, DataSize partSize, Duration expiry) {

    static final long MIN_PART_BYTES = 5L * 1024 * 1024;
    public static final int MAX_PARTS = 10_000;

    public MultipartUploadProperties {
        threshold = threshold == null ? DataSize.ofMegabytes(64) : threshold;
        partSize = partSize == null ? DataSize.ofMegabytes(16) : partSize;
        expiry = expiry == null ? Duration.ofHours(24) : expiry;
        if (partSize.toBytes() < MIN_PART_BYTES) {
            throw new IllegalArgumentException("aegis.upload.multipart.part-size must be at least 5MB (S3's minimum)");
        }
    }

    /** The part size for a file of {@code sizeBytes}: the configured one, larger when 10,000 parts would not hold it. */
    public long partSizeFor(long sizeBytes) {
        long minimum = (sizeBytes + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(partSize.toBytes(), minimum);
    }
}
