package io.aegis.platform.aws;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code aegis_queue_depth{queue}} (messages waiting) and {@code aegis_queue_in_flight{queue}} (received, not
 * yet deleted) for every queue and its DLQ, polled in the background every {@code aegis.metrics.queue-depth.
 * interval}: a Prometheus scrape never waits for SQS. A queue that cannot be read reports NaN (unknown, not
 * 0, so "DLQ not empty" alerts do not go quiet during an outage); the failure is logged once, not per poll.
 */
@Component
public class QueueDepthGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueDepthGauges.class);

    private final SqsClient sqs;
    private final QueueMetricsProperties settings;
    private final List<QueueReading> readings = new ArrayList<>();
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean(false);
    private volatile ScheduledExecutorService poller;

    public QueueDepthGauges(SqsClient sqs, ResourceNames names, QueueMetricsProperties settings, MeterRegistry registry) {
        this.sqs = sqs;
        this.settings = settings;
        if (!settings.enabled()) {
            return;
        }
        for (String queue : names.queues().all()) {
            readings.add(new QueueReading(queue));
            readings.add(new QueueReading(names.queues().dlqOf(queue)));
        }
        for (QueueReading reading : readings) {
            Gauge.builder("aegis.queue.depth", reading, r -> r.visible)
                    .description("Messages waiting on the queue (SQS ApproximateNumberOfMessages); NaN when unknown")
                    .tag("queue", reading.queue)
                    .register(registry);
            Gauge.builder("aegis.queue.in.flight", reading, r -> r.inFlight)
                    .description("Messages received but not yet deleted (ApproximateNumberOfMessagesNotVisible)")
                    .tag("queue", reading.queue)
                    .register(registry);
        }
    }

    // Polling starts once the app is ready: before that the queues may not exist yet (embedded SQS, bootstrap).
    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        if (!settings.enabled() || poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aegis-queue-depth");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.interval().toMillis();
        poller.scheduleWithFixedDelay(this::pollAll, 0, every, TimeUnit.MILLISECONDS);
    }

    void pollAll() {
        boolean allRead = true;
        for (QueueReading reading : readings) {
            allRead &= poll(reading);
        }
        if (allRead && failing.compareAndSet(true, false)) {
            log.info("queue depths readable again");
        }
    }

    private boolean poll(QueueReading reading) {
        try {
            String url = queueUrls.computeIfAbsent(reading.queue, queue -> sqs.getQueueUrl(b -> b.queueName(queue)
                    .overrideConfiguration(c -> c.apiCallTimeout(settings.timeout()))).queueUrl());
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                    .overrideConfiguration(c -> c.apiCallTimeout(settings.timeout()))).attributes();
            reading.visible = number(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            reading.inFlight = number(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            return true;
        } catch (RuntimeException e) {
            queueUrls.remove(reading.queue);
            reading.visible = Double.NaN;
            reading.inFlight = Double.NaN;
            if (failing.compareAndSet(false, true)) {
                log.warn("cannot read the depth of queue {} (reported as NaN until it can): {}", reading.queue, e.toString());
            } else {
                log.debug("cannot read the depth of queue {}: {}", reading.queue, e.toString());
            }
            return false;
        }
    }

    private static double number(String value) {
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    @Override
    public void start() {
        // Polling begins on ApplicationReadyEvent; this lifecycle only exists to stop it on shutdown.
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = poller;
        if (running != null) {
            running.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** The last answer for one queue, written by the poller and read by scrapes. */
    private static final class QueueReading {
        final String queue;
        volatile double visible = Double.NaN;
        volatile double inFlight = Double.NaN;

        QueueReading(String queue) {
            this.queue = queue;
        }
    }
}
