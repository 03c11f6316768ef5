package io.aegis.platform.security;

import io.aegis.orchestrate.TenantJobLimitProperties;
import io.aegis.platform.Problem;
import io.aegis.platform.ProblemResponses;
import io.aegis.state.JobStore;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a call in only while there is room for it, before its body is read: each kind of call ({@link ApiConcern})
 * has a bound on how many are in the process at once (503 beyond: the server is busy) and, for uploads and event
 * streams, on how many one tenant and one caller hold open (429 beyond); and an upload is refused (429) while its
 * tenant already has {@code max-queued} jobs waiting. Every answer that refuses carries {@code Retry-After}. The
 * slots are freed when the call ends, an event stream's when the stream does. Counted by {@link UsageCounters}.
 */
public class ApiAdmission extends OncePerRequestFilter {

    public static final int BUSY_RETRY_AFTER_SECONDS = 5;

    private final ApiLimitsProperties api;
    private final String tenantClaim;
    private final UsageCounters counters;
    private final JobStore jobs;
    private final TenantJobLimitProperties quotas;
    private final ProblemResponses problems;

    public ApiAdmission(ApiLimitsProperties api, SecurityProperties security, UsageCounters counters, JobStore jobs,
                        TenantJobLimitProperties quotas, ProblemResponses problems) {
        this.api = api;
        this.tenantClaim = security.tenantClaim();
        this.counters = counters;
        this.jobs = jobs;
        this.quotas = quotas;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiConcern concern = ApiConcern.of(request);
        ApiLimitsProperties.Concern limits = concern.limits(api);
        Caller caller = Caller.current(tenantClaim);
        String what = concern.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        List<UsageCounters.Slot> slots = new ArrayList<>();
        boolean handedToStream = false;
        try {
            if (!hold(slots, concern + ":all", limits.inFlight())) {
                refuse(response, 503, "Service Unavailable", "the server is busy with other " + what
                        + "; try again shortly", BUSY_RETRY_AFTER_SECONDS);
                return;
            }
            if (caller != null && !hold(slots, concern + ":tenant:" + caller.tenant(), limits.perTenant())) {
                refuse(response, 429, "Too Many Requests", "your tenant has " + limits.perTenant() + " " + what
                        + " open at once, its limit", BUSY_RETRY_AFTER_SECONDS);
                return;
            }
            if (caller != null && !hold(slots, concern + ":caller:" + caller.key(), limits.perCaller())) {
                refuse(response, 429, "Too Many Requests", "you have " + limits.perCaller() + " " + what
                        + " open at once, your limit", BUSY_RETRY_AFTER_SECONDS);
                return;
            }
            if (caller != null && makesAJob(request) && backlogFull(caller.tenant())) {
                refuse(response, 429, "Too Many Requests", "your tenant already has " + quotas.maxQueuedOf(caller.tenant())
                        + " jobs waiting, its limit; send more once some have started",
                        Math.max(1, (int) quotas.retryDelay().toSeconds()));
                return;
            }
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new FreeWhenDone(slots));
                handedToStream = true;
            }
        } finally {
            if (!handedToStream) {
                slots.forEach(UsageCounters.Slot::close);
            }
        }
    }

    /** False when {@code max} slots are taken under the key; no cap (0) always holds nothing and passes. */
    private boolean hold(List<UsageCounters.Slot> slots, String key, int max) {
        if (max <= 0) {
            return true;
        }
        var slot = counters.tryHold(key, max);
        slot.ifPresent(slots::add);
        return slot.isPresent();
    }

    private static boolean makesAJob(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod()) && ("/v1/upload".equals(path) || "/v1/uploads".equals(path));
    }

    private boolean backlogFull(String tenant) {
        int cap = quotas.maxQueuedOf(tenant);
        return cap > 0 && jobs.countQueued(tenant, cap) >= cap;
    }

    private void refuse(HttpServletResponse response, int status, String title, String detail, int retryAfterSeconds)
            throws IOException {
        response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
        problems.writeBeforeBody(response, Problem.of(status, title, detail));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    private record FreeWhenDone(List<UsageCounters.Slot> slots) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            slots.forEach(UsageCounters.Slot::close);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            slots.forEach(UsageCounters.Slot::close);
        }

        @Override
        public void onError(AsyncEvent event) {
            slots.forEach(UsageCounters.Slot::close);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
