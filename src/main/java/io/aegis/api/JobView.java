package io.aegis.api;

import io.aegis.state.Job;
import io.aegis.state.JobError;
import io.aegis.state.StepState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** GET /v1/jobs/{jobId} (design.md §4); in GET /v1/jobs each job also has its asset's {@code preview} picture, when it has one. */
public record JobView(
        String jobId,
        String assetId,
        String filename,
        String status,
        String mediaType,
        String mimeType,
        int progress,
        Instant createdAt,
        Instant updatedAt,
        List<StepView> steps,
        JobError error,
        Links links,
        AssetView.RenditionView preview) {

    /** {@code worker}: the process that last started the step (host:pid unless aegis.worker-id names it). */
    public record StepView(String name, String status, int attempts, Instant startedAt, Instant finishedAt,
                           JobError error, String worker) {
        static StepView of(StepState step) {
            return new StepView(step.name(), step.status().name(), step.attempts(), step.startedAt(),
                    step.finishedAt(), step.error(), step.worker());
        }
    }

    @Schema(name = "JobLinks")
    public record Links(String job, String asset) {
        static Links of(String jobId, String assetId) {
            return new Links("/v1/jobs/" + jobId, "/v1/assets/" + assetId);
        }
    }

    public static JobView of(Job job) {
        return of(job, null);
    }

    /** {@code preview}: the asset's small picture for lists (GET /v1/jobs), or null. */
    static JobView of(Job job, AssetView.RenditionView preview) {
        return new JobView(job.jobId(), job.assetId(), job.filename(), job.status().name(), job.mediaType(),
                job.mimeType(), job.progress(), job.createdAt(), job.updatedAt(),
                job.steps().stream().map(StepView::of).toList(), job.error(), Links.of(job.jobId(), job.assetId()), preview);
    }
}
