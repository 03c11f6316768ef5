package io.aegis.orchestrate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Presigned direct uploads ({@code POST /v1/uploads}): how long the PUT URL is valid, how long after that a
 * PUT still in flight may land, and how pending uploads are watched.
 *
 * @param expiry     lifetime of the presigned PUT URL (S3 allows at most 7 days; keep it minutes)
 * @param grace      after expiry, the upload still counts if its object lands within this; then the job FAILS
 * @param poll       HEAD every pending upload's key on each check (embedded S3 sends no events); with S3 event
 *                   notifications on aegis-ingest, false checks only uploads past their deadline
 * @param checkDelay time between two checks of the pending uploads
 * @param maxPerCheck pending uploads looked at per check
 */
@ConfigurationProperties("aegis.upload.presign")
public record PresignedUploadProperties(Duration expiry, Duration grace, boolean poll, Duration checkDelay,
                                        int maxPerCheck) {

    static final Duration MAX_EXPIRY = Duration.ofDays(7);

    public PresignedUploadProperties {
        if (expiry == null || expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("aegis.upload.presign.expiry must be between 1s and 7d, was " + expiry);
        }
        grace = grace == null ? Duration.ofMinutes(10) : grace;
        checkDelay = checkDelay == null ? Duration.ofSeconds(2) : checkDelay;
        maxPerCheck = maxPerCheck <= 0 ? 100 : maxPerCheck;
    }
}
