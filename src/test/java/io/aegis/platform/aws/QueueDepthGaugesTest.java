package io.aegis.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS unreachable: every queue reports NaN (unknown, not an empty queue), and the log says so once, not per poll. */
class QueueDepthGaugesTest {

    private final ResourceNames names = new ResourceNames(null,
            new ResourceNames.Queues("q-jobs", "q-jobs-priority", "q-media", "q-ai", "q-ingest", "-dlq", 5, 1, 30, null, null), null);

    @Test
    void anUnreachableQueueIsNaNAndLoggedOnce() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var registry = new SimpleMeterRegistry();
        Logger log = (Logger) LoggerFactory.getLogger(QueueDepthGauges.class);
        var captured = new ListAppender<ILoggingEvent>();
        captured.start();
        log.addAppender(captured);
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(2)))
                .build()) {
            var gauges = new QueueDepthGauges(sqs, names,
                    new QueueMetricsProperties(true, Duration.ofSeconds(15), Duration.ofMillis(500)), registry);

            gauges.pollAll();
            gauges.pollAll();
        } finally {
            log.detachAppender(captured);
        }

        for (String queue : names.queues().all()) {
            assertThat(registry.get("aegis.queue.depth").tag("queue", queue).gauge().value()).as(queue).isNaN();
            assertThat(registry.get("aegis.queue.depth").tag("queue", queue + "-dlq").gauge().value()).isNaN();
        }
        assertThat(captured.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).hasSize(1);
    }

    @Test
    void turnedOffRegistersNoGauges() {
        var registry = new SimpleMeterRegistry();
        new QueueDepthGauges(SqsClient.builder().region(Region.US_EAST_1).build(), names,
                new QueueMetricsProperties(false, Duration.ofSeconds(15), Duration.ofSeconds(2)), registry);

        assertThat(registry.find("aegis.queue.depth").gauges()).isEmpty();
    }
}
