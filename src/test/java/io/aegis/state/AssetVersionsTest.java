package io.aegis.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reader sees of an asset while a reprocessing job runs, and what each way the job ends leaves behind. */
class AssetVersionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Insights OLD = Insights.NONE.withSummary(new Insights.Summary("old", "offline", "extractive"));
    private static final Insights NEW = Insights.NONE.withSummary(new Insights.Summary("new", "openai", "gpt-4o-mini"));

    private Asset uploaded() {
        Asset asset = Asset.created("a1", "j1", "t", "f.txt", 10, "t/a1/original/f.txt", T0).withInsights(OLD);
        return asset.jobEnded(job("j1", JobStatus.SUCCEEDED, "validate", "metadata", "summarize", "embed"), T0);
    }

    @Test
    void theUploadsJobIsTheFirstVersionWithItsPlanAndModels() {
        Asset asset = uploaded();
        assertThat(asset.versions()).hasSize(1);
        Asset.Version first = asset.versions().get(0);
        assertThat(first.status()).isEqualTo("SUCCEEDED");
        assertThat(first.plan()).containsExactly("validate", "metadata", "summarize", "embed");
        assertThat(first.models()).containsEntry("summary", "offline/extractive");
    }

    @Test
    void insightsWrittenDuringAReprocessingAreNotShownUntilItSucceeds() {
        Asset running = uploaded().reprocessingBy("j2", List.of("summarize"), T0).withInsights(NEW);
        assertThat(running.publishedInsights().summary().text()).isEqualTo("old");
        assertThat(running.allJobIds()).containsExactly("j1", "j2");

        Asset done = running.jobEnded(job("j2", JobStatus.SUCCEEDED, "validate", "metadata", "summarize"), T0);
        assertThat(done.publishedInsights().summary().text()).isEqualTo("new");
        assertThat(done.reprocessing()).isNull();
        assertThat(done.jobId()).isEqualTo("j2");
        assertThat(done.versions().get(1).models()).containsEntry("summary", "openai/gpt-4o-mini");
        assertThat(done.versions().get(1).plan()).containsExactly("validate", "metadata", "summarize");
        // Recorded once: a repeated end changes nothing.
        assertThat(done.jobEnded(job("j2", JobStatus.SUCCEEDED), T0)).isSameAs(done);
    }

    @Test
    void aFailedOrCancelledReprocessingPutsTheKeptInsightsBack() {
        for (JobStatus end : List.of(JobStatus.FAILED, JobStatus.CANCELLED)) {
            Asset running = uploaded().reprocessingBy("j2", null, T0).withInsights(NEW);
            Asset ended = running.jobEnded(job("j2", end), T0);
            assertThat(ended.insights().summary().text()).isEqualTo("old");
            assertThat(ended.reprocessing()).isNull();
            assertThat(ended.jobId()).isEqualTo("j1");
            assertThat(ended.versions().get(1).status()).isEqualTo(end.name());
        }
    }

    private static Job job(String id, JobStatus status, String... steps) {
        Job queued = Job.queued(id, "t", "a1", "f.txt", 10, "t/a1/original/f.txt", false, List.of(steps), T0);
        return switch (status) {
            case SUCCEEDED -> queued.succeeded(T0);
            case FAILED -> queued.failed(JobError.of(ErrorCode.INTERNAL, "x"), T0);
            case CANCELLED -> queued.cancelled(T0);
            default -> queued;
        };
    }
}
