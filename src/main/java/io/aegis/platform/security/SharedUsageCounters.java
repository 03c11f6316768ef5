package io.aegis.platform.security;

import io.aegis.platform.aws.DynamoDbRateBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link UsageCounters} for several api processes ({@code aegis.security.rate-limit.shared}): request rates count in
 * Bucket4j buckets every process shares (in DynamoDB, {@link DynamoDbRateBuckets}), so a caller gets the configured
 * rate however many api tasks its calls land on. The slots of calls held open (uploads, event streams) stay in this
 * process ({@code local}): what they protect, this process's threads and connections, is the process's own, and a
 * slot kept in a shared table would outlive a process that crashed while holding it.
 */
public class SharedUsageCounters implements UsageCounters {

    private final ProxyManager<String> buckets;
    private final UsageCounters local;

    public SharedUsageCounters(ProxyManager<String> buckets, UsageCounters local) {
        this.buckets = buckets;
        this.local = local;
    }

    @Override
    public Optional<Duration> tryCall(String key, SecurityProperties.RateLimit.Bucket config) {
        BucketConfiguration configuration = BucketConfiguration.builder().addLimit(Bandwidth.builder()
                .capacity(config.capacity())
                .refillGreedy(Math.max(1, config.refillTokens()), config.refillPeriod()).build()).build();
        // A handle only: the bucket's state is read from and written back to the shared store on every call.
        var probe = buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public Optional<Slot> tryHold(String key, int max) {
        return local.tryHold(key, max);
    }
}
