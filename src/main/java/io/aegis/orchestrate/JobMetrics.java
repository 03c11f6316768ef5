package io.aegis.orchestrate;

import io.aegis.state.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The job meters of design.md §2: {@code aegis_jobs_total{status,media}} counts each job once as it is
 * created (QUEUED) and once as it ends (SUCCEEDED, FAILED, CANCELLED); {@code aegis_step_duration_seconds
 * {step,outcome}} times every step run on this process.
 */
@Component
public class JobMetrics {

    static final String UNKNOWN_MEDIA = "unknown";

    private final MeterRegistry registry;

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A job that just reached {@code job.status()}; media is "unknown" before validation has sniffed it. */
    void jobReached(Job job) {
        Counter.builder("aegis.jobs")
                .description("Jobs created (QUEUED) and ended (SUCCEEDED, FAILED, CANCELLED), by media kind")
                .tags("status", job.status().name(), "media", job.mediaType() == null ? UNKNOWN_MEDIA : job.mediaType())
                .register(registry)
                .increment();
    }

    /** One run of a step; outcome is succeeded, skipped or failed. */
    void stepRan(String step, String outcome, Duration took) {
        Timer.builder("aegis.step.duration")
                .description("Duration of one run of a pipeline step")
                .tags("step", step, "outcome", outcome)
                .register(registry)
                .record(took);
    }
}
