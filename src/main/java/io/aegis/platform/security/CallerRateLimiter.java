package io.aegis.platform.security;

import io.aegis.platform.Problem;
import io.aegis.platform.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token buckets per caller ({@link Caller}: tenant and token subject, not the OAuth client, so two users of the
 * console get a bucket each); the bucket's size comes from the caller's OAuth client ({@code rate-limit.clients}) or
 * the default. A caller over its limit gets 429 with {@code Retry-After} and never reaches a route. Counted by
 * {@link UsageCounters}.
 */
public class CallerRateLimiter extends OncePerRequestFilter {

    /** Before the caller's key: the bucket's key (shared: its item in the limits table, beside {@code running#}). */
    static final String KEY_PREFIX = "rate#";

    private final SecurityProperties.RateLimit limits;
    private final String tenantClaim;
    private final UsageCounters counters;
    private final ProblemResponses problems;

    public CallerRateLimiter(SecurityProperties security, UsageCounters counters, ProblemResponses problems) {
        this.limits = security.rateLimit();
        this.tenantClaim = security.tenantClaim();
        this.counters = counters;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = Caller.current(tenantClaim);
        var bucket = caller == null ? null : limits.forClient(caller.client());
        if (bucket == null || bucket.capacity() <= 0) {
            chain.doFilter(request, response); // unauthenticated (answered 401 later) or no limit
            return;
        }
        var wait = counters.tryCall(KEY_PREFIX + caller.key(), bucket);
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait.get().toNanos() + 999_999_999L));
        response.setHeader("Retry-After", Long.toString(seconds));
        problems.write(response, Problem.of(429, "Too Many Requests",
                "your request limit is used up; retry after " + seconds + " s"));
    }
}
