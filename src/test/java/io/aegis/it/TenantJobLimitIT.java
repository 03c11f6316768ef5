package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.orchestrate.RecoveryRoutes;
import io.aegis.orchestrate.TenantJobLimit;
import io.aegis.orchestrate.TenantJobLimitProperties;
import io.aegis.state.Job;
import io.aegis.state.JobStore;
import io.aegis.state.RunningJobSlots;
import io.aegis.state.StepStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Concurrent jobs per tenant: the test profile lets tenant "throttled" (dev client aegis-throttled) run one job
 * at a time. Jobs beyond the limit are not refused: they wait QUEUED and run one after another. The tenant's slots
 * live in the shared limits table, so a slot a dead process's job still holds is reclaimed here only when that job's
 * worker was lost, never while the job waits between steps.
 */
class TenantJobLimitIT extends PipelineTestSupport {

    @Autowired
    JobStore jobs;

    @Autowired
    RunningJobSlots slots;

    @Autowired
    CamelContext camel;

    private final List<String> created = new ArrayList<>();

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

    @Test
    void aFullTenantGetsTheSlotOfAJobWhoseWorkerWasLostButNotOfOneBetweenSteps() throws Exception {
        // The recovery pass would take the staged jobs up (they look stranded): paused while the slots are looked at.
        camel.getRouteController().stopRoute(RecoveryRoutes.ROUTE_ID);
        try {
            slotsOfLostWorkersAreReclaimed();
        } finally {
            created.forEach(id -> jobs.update(id, job -> job.cancelled(Instant.now())));
            camel.getRouteController().startRoute(RecoveryRoutes.ROUTE_ID);
        }
    }

    private void slotsOfLostWorkersAreReclaimed() {
        String tenant = "slots-" + UUID.randomUUID();
        TenantJobLimit limit = new TenantJobLimit(jobs, slots, new TenantJobLimitProperties(3, Map.of(), Duration.ofSeconds(1), 0, 0, Map.of()));
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        // Three jobs hold the tenant's three slots, taken by other processes' claims; every lease but one has lapsed.
        String betweenSteps = held(tenant, job -> job.claimed(longAgo, longAgo.plusSeconds(120), "gone")
                .stepRunning("validate", longAgo, "w").stepFinished("validate", StepStatus.SUCCEEDED, null, longAgo)
                .stepRunning("metadata", longAgo, "w").stepFinished("metadata", StepStatus.SUCCEEDED, null, longAgo)
                .withPlannedSteps(List.of("summarize"), longAgo));
        String lostMidStep = held(tenant, job -> job.claimed(longAgo, longAgo.plusSeconds(120), "dead")
                .stepStartedBy("validate", "dead", "w", longAgo, longAgo.plusSeconds(120)));
        String live = held(tenant, job -> job.claimed(Instant.now(), Instant.now().plusSeconds(120), "alive")
                .stepStartedBy("validate", "alive", "w", Instant.now(), Instant.now().plusSeconds(120)));

        Job next = queued(tenant);
        assertThat(limit.mustWait(next)).as("the slot of the job whose worker died mid-step is reclaimed").isFalse();
        assertThat(slots.holders(tenant)).containsExactlyInAnyOrder(betweenSteps, live, next.jobId());

        Job after = queued(tenant);
        assertThat(limit.mustWait(after)).as("a job between steps and one under a live lease keep theirs").isTrue();
        assertThat(slots.holders(tenant)).containsExactlyInAnyOrder(betweenSteps, live, next.jobId());
        assertThat(jobs.find(lostMidStep).orElseThrow().status()).as("the lost job itself is left to recovery")
                .isEqualTo(io.aegis.state.JobStatus.RUNNING);
    }

    private String held(String tenant, UnaryOperator<Job> state) {
        Job job = queued(tenant);
        assertThat(slots.take(tenant, job.jobId(), 3)).isTrue();
        jobs.update(job.jobId(), state);
        return job.jobId();
    }

    private Job queued(String tenant) {
        String id = "slots-" + UUID.randomUUID();
        Job job = Job.queued(id, tenant, "asset-" + id, "a.txt", 10, tenant + "/none/" + id, false,
                List.of("validate", "metadata"), Instant.now());
        jobs.create(job);
        created.add(id);
        return job;
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
