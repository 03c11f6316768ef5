package io.aegis.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Live job events across processes.
 *
 * @param topicArn    SNS topic every process publishes job changes to; blank = events stay in the process
 * @param queuePrefix name prefix of the queue each api process creates for itself (the IAM policy grants it)
 * @param maxPending  changes waiting to be published; beyond it the oldest are dropped (a console catches up)
 * @param retention   how long an event waits on an instance's queue (bounds a queue left by a crashed process)
 */
@ConfigurationProperties("aegis.job-events")
public record JobEventsProperties(String topicArn, String queuePrefix, int maxPending, Duration retention) {

    public JobEventsProperties {
        queuePrefix = queuePrefix == null || queuePrefix.isBlank() ? "aegis-job-events-" : queuePrefix;
        maxPending = maxPending <= 0 ? 1000 : maxPending;
        retention = retention == null ? Duration.ofMinutes(5) : retention;
    }

    public boolean shared() {
        return topicArn != null && !topicArn.isBlank();
    }
}
