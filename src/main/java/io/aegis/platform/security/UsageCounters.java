package io.aegis.platform.security;

import java.time.Duration;
import java.util.Optional;

/**
 * The counting behind the API's abuse limits, in one small interface so a shared backend (Redis, DynamoDB) can
 * replace the in-process one ({@link InProcessUsageCounters}) when several API processes must count together: token
 * buckets for request rates, and slots for calls held open at once (uploads, event streams).
 */
public interface UsageCounters {

    /** Takes one call from {@code key}'s bucket; empty when allowed, else how long until the next call would be. */
    Optional<Duration> tryCall(String key, SecurityProperties.RateLimit.Bucket bucket);

    /** One of at most {@code max} slots held at once under {@code key}, or empty when all are taken. */
    Optional<Slot> tryHold(String key, int max);

    /** A held slot; closing it (once) frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
