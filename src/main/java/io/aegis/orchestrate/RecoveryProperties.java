package io.aegis.orchestrate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The recovery pass ({@link StrandedJobRecovery}): every {@code interval}, in every orchestrator. A QUEUED or
 * RUNNING job that no worker holds a live lease on and that nothing has written for {@code strandedAfter} is
 * stranded once the queue it waits on is empty; it is announced again at its first unfinished step, at most
 * {@code maxRecoveries} times, then FAILED with {@code STRANDED}. At most {@code batch} jobs and dead letters per
 * queue are looked at per pass.
 */
@ConfigurationProperties("aegis.recovery")
public record RecoveryProperties(boolean enabled, Duration interval, Duration strandedAfter, int maxRecoveries,
                                 int batch) {

    public RecoveryProperties {
        interval = interval == null ? Duration.ofMinutes(1) : interval;
        strandedAfter = strandedAfter == null ? Duration.ofMinutes(10) : strandedAfter;
        maxRecoveries = maxRecoveries <= 0 ? 3 : maxRecoveries;
        batch = batch <= 0 ? 100 : batch;
    }
}
