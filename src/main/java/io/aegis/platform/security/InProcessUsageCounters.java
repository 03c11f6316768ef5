package io.aegis.platform.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link UsageCounters} in this process's memory: Bucket4j token buckets (at most {@code max-tracked-clients} keys,
 * least recently used forgotten) and slot counters (a key's counter goes when its last slot is freed). N API
 * processes each count their own calls, so together they allow N times a limit, unless the rates are shared
 * ({@link SharedUsageCounters}, which keeps the slots here). Made by {@link SecurityConfiguration#usageCounters}.
 */
public class InProcessUsageCounters implements UsageCounters {

    private final Map<String, Bucket> buckets;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    public InProcessUsageCounters(SecurityProperties security) {
        int max = security.rateLimit().maxTrackedClients();
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        });
    }

    @Override
    public Optional<Duration> tryCall(String key, SecurityProperties.RateLimit.Bucket config) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(config.capacity())
                .refillGreedy(Math.max(1, config.refillTokens()), config.refillPeriod()).build()).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public Optional<Slot> tryHold(String key, int max) {
        boolean[] taken = {false};
        held.compute(key, (k, current) -> {
            int now = current == null ? 0 : current;
            if (now < max) {
                taken[0] = true;
                return now + 1;
            }
            return current;
        });
        return taken[0] ? Optional.of(new HeldSlot(key)) : Optional.empty();
    }

    /** Slots held under {@code key} now (tests, diagnostics). */
    int heldUnder(String key) {
        return held.getOrDefault(key, 0);
    }

    private final class HeldSlot implements Slot {

        private final String key;
        private final AtomicBoolean open = new AtomicBoolean(true);

        HeldSlot(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                held.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
