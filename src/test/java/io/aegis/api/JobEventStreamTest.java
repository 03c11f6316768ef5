package io.aegis.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.events.JobEvent;
import io.aegis.events.JobEventsProperties;
import io.aegis.platform.security.ApiLimitsProperties;
import io.aegis.platform.security.SecurityProperties;
import io.aegis.state.Job;
import io.aegis.state.JobChanged;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A stalled reader holds up only its own stream: another tenant's events are written meanwhile, whether they are this
 * process's own changes or, with the job events topic, every process's changes as they arrive from SNS.
 */
class JobEventStreamTest {

    private final JobEventStream events = new JobEventStream(
            new SecurityProperties("tenant", null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null),
            new ApiLimitsProperties(null, null, new ApiLimitsProperties.Concern(0, 100, 10, 10, 4), 10),
            new JobEventsProperties(null, null, 0, null));
    private final CountDownLatch unstall = new CountDownLatch(1);

    /**
     * A client that stopped reading: its first write counts down {@code writeBegan} and blocks until the test ends;
     * closing it with an error counts down {@code ended}.
     */
    private SseEmitter stalled(CountDownLatch writeBegan, CountDownLatch ended) {
        return new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) throws IOException {
                writeBegan.countDown();
                try {
                    unstall.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void completeWithError(Throwable ex) {
                ended.countDown();
            }
        };
    }

    @AfterEach
    void release() {
        unstall.countDown();
        events.stop();
    }

    @Test
    void aStalledReaderDoesNotDelayAnotherTenantsEvents() throws Exception {
        CountDownLatch stalledWriteBegan = new CountDownLatch(1);
        events.register("slow", stalled(stalledWriteBegan, new CountDownLatch(1)));
        CountDownLatch delivered = new CountDownLatch(1);
        events.register("quick", new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) {
                delivered.countDown();
            }
        });

        events.onJobChanged(new JobChanged(job("slow")));
        assertThat(stalledWriteBegan.await(5, TimeUnit.SECONDS)).isTrue();
        events.onJobChanged(new JobChanged(job("quick")));

        assertThat(delivered.await(5, TimeUnit.SECONDS)).as("the other tenant's event, while the first write is stuck").isTrue();
    }

    @Test
    void aStreamThatFallsTooFarBehindIsClosedWithoutHoldingUpTheWriterOfTheJob() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        SseEmitter stuck = stalled(new CountDownLatch(1), ended);
        events.register("slow", stuck);
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            events.onJobChanged(new JobChanged(job("slow")));
        }
        // The thread that changed the jobs (a pipeline worker) never waited for the stuck stream.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
        assertThat(ended.await(5, TimeUnit.SECONDS)).as("closed once 4 events behind").isTrue();
    }

    @Test
    void eventsFromTheTopicAreWrittenPerStreamSoAStalledReaderNeitherDelaysAnotherTenantNorTheQueueReader()
            throws Exception {
        JobEventStream shared = new JobEventStream(
                new SecurityProperties("tenant", null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null),
                new ApiLimitsProperties(null, null, new ApiLimitsProperties.Concern(0, 100, 10, 10, 4), 10),
                new JobEventsProperties("arn:aws:sns:us-east-1:000000000000:aegis-job-events", null, 0, null));
        try {
            CountDownLatch stalledWriteBegan = new CountDownLatch(1);
            CountDownLatch stalledEnded = new CountDownLatch(1);
            shared.register("slow", stalled(stalledWriteBegan, stalledEnded));
            List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch delivered = new CountDownLatch(1);
            shared.register("quick", new SseEmitter() {
                @Override
                public void send(SseEventBuilder builder) {
                    builder.build().forEach(part -> written.add(String.valueOf(part.getData())));
                    delivered.countDown();
                }
            });

            // This process's own change is not pushed twice: with the topic it comes back through it like any other.
            shared.onJobChanged(new JobChanged(job("quick")));
            // The thread reading this instance's queue (JobEventQueue) republishes what arrives: 20 for the stalled
            // reader, then one for another tenant.
            long started = System.nanoTime();
            shared.onJobEvent(fromTopic("slow"));
            assertThat(stalledWriteBegan.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                shared.onJobEvent(fromTopic("slow"));
            }
            shared.onJobEvent(fromTopic("quick"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("the queue reader never waited")
                    .isLessThan(2_000);

            assertThat(delivered.await(5, TimeUnit.SECONDS)).as("the other tenant's event from the topic").isTrue();
            assertThat(String.join("", written)).contains("from-the-topic").doesNotContain("QUEUED");
            assertThat(stalledEnded.await(5, TimeUnit.SECONDS)).as("the stalled stream closed once 4 events behind").isTrue();
        } finally {
            unstall.countDown();
            shared.stop();
        }
    }

    private static JobEvent fromTopic(String tenant) {
        var job = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("jobId", "from-the-topic").put("tenant", tenant).put("status", "RUNNING");
        return new JobEvent(tenant, "from-the-topic", job);
    }

    private static Job job(String tenant) {
        return Job.queued(java.util.UUID.randomUUID().toString(), tenant, "asset", "a.txt", 1, tenant + "/asset/original/a.txt",
                false, List.of("validate"), Instant.now());
    }
}
