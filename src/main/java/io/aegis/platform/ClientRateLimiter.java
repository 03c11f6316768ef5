package io.aegis.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-client token buckets (Bucket4j), keyed by the validated token's client ({@code azp}, {@code client_id},
 * else {@code sub}); a client over its limit gets 429 with {@code Retry-After} and never reaches a route.
 * Buckets live in memory, per process, at most {@code maxTrackedClients} of them (least recently used forgotten):
 * N API instances allow N times the configured rate; with {@code shared} buckets (aegis.security.rate-limit.shared,
 * {@link DynamoDbRateBuckets}) every instance draws from the same one.
 */
public class ClientRateLimiter extends OncePerRequestFilter {

    private final SecurityProperties.RateLimit limits;
    private final ProblemResponses problems;
    private final Map<String, Bucket> buckets;
    private final ProxyManager<String> shared;

    public ClientRateLimiter(SecurityProperties.RateLimit limits, ProblemResponses problems) {
        this(limits, problems, null);
    }

    /** {@code shared}: where every process keeps the buckets; null keeps them in this process. */
    public ClientRateLimiter(SecurityProperties.RateLimit limits, ProblemResponses problems, ProxyManager<String> shared) {
        this.limits = limits;
        this.problems = problems;
        this.shared = shared;
        int max = limits.maxTrackedClients();
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        });
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clientOf();
        Bucket bucket = client == null ? null : buckets.computeIfAbsent(client, this::newBucket);
        if (bucket == null) {
            chain.doFilter(request, response);
            return;
        }
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader("Retry-After", Long.toString(seconds));
        problems.write(response, Problem.of(429, "Too Many Requests",
                "this client's request limit is used up; retry after " + seconds + " s"));
    }

    private static String clientOf() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            return null; // unauthenticated: answered 401 by the authorization filter anyway
        }
        var jwt = token.getToken();
        for (String claim : new String[] {"azp", "client_id", "sub"}) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    // Null (no limit) when the client's capacity is 0.
    private Bucket newBucket(String client) {
        var config = limits.forClient(client);
        if (config.capacity() <= 0) {
            return null;
        }
        Bandwidth limit = Bandwidth.builder().capacity(config.capacity())
                .refillGreedy(Math.max(1, config.refillTokens()), config.refillPeriod()).build();
        if (shared != null) {
            BucketConfiguration configuration = BucketConfiguration.builder().addLimit(limit).build();
            return shared.builder().build(client, () -> configuration); // a handle: the state stays in the store
        }
        return Bucket.builder().addLimit(limit).build();
    }
}
