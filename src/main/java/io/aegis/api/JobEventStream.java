package io.aegis.api;

import io.aegis.events.JobEvent;
import io.aegis.events.JobEventsProperties;
import io.aegis.platform.SecurityProperties;
import io.aegis.state.JobChanged;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * GET /v1/jobs/events: server-sent events, one {@code job} event (the job as GET /v1/jobs/{id} shows it) each
 * time a job of the caller's tenant changes. A Spring MVC controller because an SseEmitter streams while
 * platform-http answers once. With a job events topic ({@code aegis.job-events.topic-arn}) it pushes every process's
 * changes, as they arrive on this instance's queue ({@code JobEventQueue}); without one, the changes this process
 * writes itself.
 */
@RestController
public class JobEventStream {

    /** The client reconnects after this; bounds how long a revoked token keeps a stream open. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);
    /** A comment line this often keeps proxies from closing an idle stream and finds gone clients. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final String tenantClaim;
    private final boolean shared;
    private final Map<String, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    // One thread writes every event: a slow client delays the stream, never a pipeline worker.
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "job-events");
        thread.setDaemon(true);
        return thread;
    });

    public JobEventStream(SecurityProperties security, JobEventsProperties events) {
        this.tenantClaim = security.tenantClaim();
        this.shared = events.shared();
        sender.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    @GetMapping(path = "/v1/jobs/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter subscribe(@AuthenticationPrincipal Jwt token) throws IOException {
        String tenant = token == null ? null : token.getClaimAsString(tenantClaim);
        if (tenant == null || tenant.isBlank()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the token carries no '" + tenantClaim + "' claim");
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        Set<SseEmitter> tenantSubscribers = subscribers.computeIfAbsent(tenant, t -> new CopyOnWriteArraySet<>());
        tenantSubscribers.add(emitter);
        Runnable remove = () -> tenantSubscribers.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        // Tells the client the stream is live, so it can fetch the list once and then rely on events.
        emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON).reconnectTime(2000));
        return emitter;
    }

    @EventListener
    public void onJobChanged(JobChanged changed) {
        if (!shared) { // with the topic, this process's own changes come back through it like everyone else's
            push(changed.job().tenant(), changed.job().jobId(), JobView.of(changed.job()));
        }
    }

    @EventListener
    public void onJobEvent(JobEvent event) {
        push(event.tenant(), event.jobId(), event.job());
    }

    private void push(String tenant, String jobId, Object job) {
        Set<SseEmitter> tenantSubscribers = subscribers.get(tenant);
        if (tenantSubscribers == null || tenantSubscribers.isEmpty()) {
            return;
        }
        sender.execute(() -> tenantSubscribers.forEach(emitter -> send(emitter, tenantSubscribers,
                SseEmitter.event().name("job").id(jobId).data(job, MediaType.APPLICATION_JSON))));
    }

    private void heartbeat() {
        subscribers.values().forEach(set -> set.forEach(emitter ->
                send(emitter, set, SseEmitter.event().comment("keep-alive"))));
    }

    private static void send(SseEmitter emitter, Set<SseEmitter> set, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            set.remove(emitter);
            emitter.completeWithError(gone);
        }
    }
}
