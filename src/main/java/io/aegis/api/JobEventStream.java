package io.aegis.api;

import io.aegis.events.JobEvent;
import io.aegis.events.JobEventsProperties;
import io.aegis.platform.security.ApiLimitsProperties;
import io.aegis.platform.security.SecurityProperties;
import io.aegis.state.JobChanged;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * writes itself. Either way they go through the same per-stream queues below.
 *
 * <p>Each stream has its own bounded queue of events and is written by at most one thread at a time, from a pool that
 * has at most one thread per open stream ({@code aegis.api.event-streams.queue} streams in all; ApiAdmission caps
 * them per tenant and per caller): a reader that stalls holds up only its own stream, never another tenant's. A
 * stream that falls {@code buffered} events behind is closed; its client reconnects and reads the list afresh.
 */
@RestController
public class JobEventStream {

    /** The client reconnects after this; bounds how long a revoked token keeps a stream open. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);
    /** A comment line this often keeps proxies from closing an idle stream and finds gone clients. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final String tenantClaim;
    private final boolean shared;
    private final int buffered;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor writers;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "job-events-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public JobEventStream(SecurityProperties security, ApiLimitsProperties api, JobEventsProperties events) {
        this.tenantClaim = security.tenantClaim();
        this.shared = events.shared();
        this.buffered = Math.max(1, api.eventStreams().buffered());
        AtomicInteger threads = new AtomicInteger();
        // No queue: a stream whose writer is busy keeps its events in its own queue, so a new thread or none.
        this.writers = new ThreadPoolExecutor(0, Math.max(1, api.eventStreams().inFlight()), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread thread = new Thread(r, "job-events-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        heartbeat.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    @GetMapping(path = "/v1/jobs/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter subscribe(@AuthenticationPrincipal Jwt token) throws IOException {
        String tenant = token == null ? null : token.getClaimAsString(tenantClaim);
        if (tenant == null || tenant.isBlank()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the token carries no '" + tenantClaim + "' claim");
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        Subscriber subscriber = register(tenant, emitter);
        // Tells the client the stream is live, so it can fetch the list once and then rely on events.
        subscriber.offer(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON).reconnectTime(2000));
        return emitter;
    }

    /** Starts pushing {@code tenant}'s job changes to {@code emitter} until it ends. */
    Subscriber register(String tenant, SseEmitter emitter) {
        Set<Subscriber> tenantSubscribers = subscribers.computeIfAbsent(tenant, t -> new CopyOnWriteArraySet<>());
        Subscriber subscriber = new Subscriber(emitter, tenantSubscribers);
        tenantSubscribers.add(subscriber);
        emitter.onCompletion(subscriber::drop);
        emitter.onTimeout(subscriber::drop);
        emitter.onError(e -> subscriber.drop());
        return subscriber;
    }

    @EventListener
    public void onJobChanged(JobChanged changed) {
        if (!shared) { // with the topic, this process's own changes come back through it like everyone else's
            push(changed.job().tenant(), changed.job().jobId(), JobView.of(changed.job()));
        }
    }

    /** A change from any process, off the job events topic (on the thread reading this instance's queue). */
    @EventListener
    public void onJobEvent(JobEvent event) {
        push(event.tenant(), event.jobId(), event.job());
    }

    // Never blocks: each stream queues the event for its own writer.
    private void push(String tenant, String jobId, Object job) {
        Set<Subscriber> tenantSubscribers = subscribers.get(tenant);
        if (tenantSubscribers == null || tenantSubscribers.isEmpty()) {
            return;
        }
        tenantSubscribers.forEach(subscriber ->
                subscriber.offer(SseEmitter.event().name("job").id(jobId).data(job, MediaType.APPLICATION_JSON)));
    }

    private void heartbeat() {
        subscribers.values().forEach(set -> set.forEach(subscriber -> subscriber.offer(SseEmitter.event().comment("keep-alive"))));
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        writers.shutdownNow();
    }

    /** One open stream: its pending events, written in order by one thread at a time. */
    final class Subscriber {

        private final SseEmitter emitter;
        private final Set<Subscriber> set;
        private final Deque<SseEmitter.SseEventBuilder> pending = new ArrayDeque<>();
        private boolean writing;
        private volatile boolean gone;

        Subscriber(SseEmitter emitter, Set<Subscriber> set) {
            this.emitter = emitter;
            this.set = set;
        }

        void offer(SseEmitter.SseEventBuilder event) {
            if (gone) {
                return;
            }
            synchronized (this) {
                if (pending.size() >= buffered) {
                    // Too far behind (a stalled reader): end the stream rather than hold events for it. Ended on a
                    // writer thread: the emitter's lock may be held by a write that is stuck, and this thread is the
                    // one that changed the job (a pipeline worker), which must not wait for it.
                    drop();
                    pending.clear();
                    IOException behind = new IOException("the stream fell " + buffered + " events behind");
                    try {
                        writers.execute(() -> complete(behind));
                    } catch (java.util.concurrent.RejectedExecutionException full) {
                        // Every writer is busy: the stream ends at its lifetime or its next failed write.
                    }
                    return;
                }
                pending.add(event);
                if (writing) {
                    return;
                }
                writing = true;
            }
            try {
                writers.execute(this::writeAll);
            } catch (java.util.concurrent.RejectedExecutionException full) {
                // More streams than writers allowed (cannot happen below the admission cap): give this one up.
                drop();
                synchronized (this) {
                    pending.clear();
                    writing = false;
                }
            }
        }

        private void writeAll() {
            while (true) {
                SseEmitter.SseEventBuilder next;
                synchronized (this) {
                    next = pending.poll();
                    if (next == null) {
                        writing = false;
                        return;
                    }
                }
                try {
                    emitter.send(next);
                } catch (IOException | IllegalStateException failed) {
                    close(failed);
                    return;
                }
            }
        }

        // On a writer thread only.
        private void close(Exception why) {
            drop();
            synchronized (this) {
                pending.clear();
                writing = false;
            }
            complete(why);
        }

        private void complete(Exception why) {
            try {
                emitter.completeWithError(why);
            } catch (RuntimeException alreadyDone) {
                // The stream had ended already.
            }
        }

        void drop() {
            gone = true;
            set.remove(this);
        }
    }
}
