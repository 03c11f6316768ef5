package io.aegis.platform.aws;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the queue depth gauges ask SQS (GetQueueAttributes, one call per queue and DLQ) and how long one
 * call may take; a scrape only reads the last answer.
 */
@ConfigurationProperties("aegis.metrics.queue-depth")
public record QueueMetricsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("15s") Duration interval,
        @DefaultValue("2s") Duration timeout) {
}
