package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Concurrent jobs per tenant: the test profile lets tenant "throttled" (dev client aegis-throttled) run one job
 * at a time. Jobs beyond the limit are not refused: they wait QUEUED and run one after another.
 */
class TenantJobLimitIT extends PipelineTestSupport {

    @Test
    void jobsBeyondTheTenantsLimitWaitTheirTurnAndAllSucceed() {
        String token = token("aegis-throttled", READ_WRITE);
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobIds.add(uploadAccepted(token, "turn-" + i + ".txt",
                    UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8)));
        }

        List<JsonNode> jobs = jobIds.stream().map(id -> awaitTerminal(token, id)).toList();

        assertThat(jobs).allSatisfy(job -> assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED"));
        // Each job's steps ran inside its own span of time, and no two spans overlap.
        List<Instant[]> spans = jobs.stream().map(TenantJobLimitIT::span)
                .sorted(Comparator.comparing((Instant[] span) -> span[0])).toList();
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("start of job %d vs end of the one before", i)
                    .isAfterOrEqualTo(spans.get(i - 1)[1]);
        }
    }

    private static Instant[] span(JsonNode job) {
        List<Instant> starts = job.path("steps").findValuesAsText("startedAt").stream()
                .filter(s -> !s.isBlank() && !s.equals("null")).map(Instant::parse).toList();
        List<Instant> ends = job.path("steps").findValuesAsText("finishedAt").stream()
                .filter(s -> !s.isBlank() && !s.equals("null")).map(Instant::parse).toList();
        return new Instant[] {starts.stream().min(Comparator.naturalOrder()).orElseThrow(),
                ends.stream().max(Comparator.naturalOrder()).orElseThrow()};
    }
}
