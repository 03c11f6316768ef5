package io.aegis.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.events.JobEventsProperties;
import io.aegis.platform.ApiLimitsProperties;
import io.aegis.platform.SecurityProperties;
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

/** A stalled reader holds up only its own stream: another tenant's events are written meanwhile. */
class JobEventStreamTest {

    private final JobEventStream events = new JobEventStream(
            new SecurityProperties("tenant", null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null),
            new ApiLimitsProperties(null, null, new ApiLimitsProperties.Concern(0, 100, 10, 10, 4), 10),
            new JobEventsProperties(null, null, 0, null));
    private final CountDownLatch unstall = new CountDownLatch(1);

    @AfterEach
    void release() {
        unstall.countDown();
        events.stop();
    }

    @Test
    void aStalledReaderDoesNotDelayAnotherTenantsEvents() throws Exception {
        CountDownLatch stalledWriteBegan = new CountDownLatch(1);
        events.register("slow", new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) throws IOException {
                stalledWriteBegan.countDown();
                try {
                    unstall.await(); // a client that stopped reading: the write blocks
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
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
        SseEmitter stuck = new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) throws IOException {
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
        events.register("slow", stuck);
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            events.onJobChanged(new JobChanged(job("slow")));
        }
        // The thread that changed the jobs (a pipeline worker) never waited for the stuck stream.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
        assertThat(ended.await(5, TimeUnit.SECONDS)).as("closed once 4 events behind").isTrue();
    }

    private static Job job(String tenant) {
        return Job.queued(java.util.UUID.randomUUID().toString(), tenant, "asset", "a.txt", 1, tenant + "/asset/original/a.txt",
                false, List.of("validate"), Instant.now());
    }
}
