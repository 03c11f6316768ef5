package io.aegis.it;

import static org.apache.camel.builder.Builder.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.orchestrate.JobMessage;
import io.aegis.orchestrate.RecoveryRoutes;
import io.aegis.orchestrate.TenantJobLimit;
import io.aegis.orchestrate.TenantJobLimitProperties;
import io.aegis.orchestrate.WaitingJobWaker;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Job;
import io.aegis.state.JobChanged;
import io.aegis.state.JobStore;
import io.aegis.state.RunningJobSlots;
import io.aegis.state.StepStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Concurrent jobs per tenant: the test profile lets tenant "throttled" (dev client aegis-throttled) run one job
 * at a time. Jobs beyond the limit are not refused: they wait QUEUED and run one after another, each woken the
 * moment the slot before it is given back (the fallback delay, retry-delay, is 60 s in the test profile). The tenant's slots
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

    @Autowired
    SqsClient sqs;

    private final List<String> created = new ArrayList<>();

    @Autowired
    TenantJobLimitProperties limitSettings;

    @Test
    void jobsBeyondTheTenantsLimitWaitTheirTurnAndEachStartsAsSoonAsTheOneBeforeEnds() {
        String token = token("aegis-throttled", READ_WRITE);
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobIds.add(uploadAccepted(token, "turn-" + i + ".txt",
                    UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8)));
        }

        List<JsonNode> jobs = jobIds.stream().map(id -> awaitTerminal(token, id)).toList();

        assertThat(jobs).allSatisfy(job -> assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED"));
        // Each job's steps ran inside its own span of time, and no two spans overlap (the limit held) ...
        List<Instant[]> spans = jobs.stream().map(TenantJobLimitIT::span)
                .sorted(Comparator.comparing((Instant[] span) -> span[0])).toList();
        Duration fallback = limitSettings.retryDelay();
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("start of job %d vs end of the one before", i)
                    .isAfterOrEqualTo(spans.get(i - 1)[1]);
            // ... and the waiting job was woken by the slot given back, not by its fallback message coming back.
            assertThat(Duration.between(spans.get(i - 1)[1], spans.get(i)[0])).as("idle time before job %d", i)
                    .isLessThan(fallback.dividedBy(2));
        }
    }

    @Test
    void aSlotGivenBackWakesTheOldestWaiterOnceWhicheverProcessGivesItBack() {
        String tenant = "wake-" + UUID.randomUUID();
        TenantJobLimitProperties one = new TenantJobLimitProperties(1, Map.of(), Duration.ofMinutes(10), 0, 0, Map.of());
        List<String> wokenByA = new ArrayList<>();
        List<String> wokenByB = new ArrayList<>();
        // Two orchestrator processes sharing the limits table; each records the jobs it wakes instead of sending them.
        TenantJobLimit processA = new TenantJobLimit(jobs, slots, one, recording(wokenByA));
        TenantJobLimit processB = new TenantJobLimit(jobs, slots, one, recording(wokenByB));

        Job running = queued(tenant, Instant.now().minusSeconds(30));
        assertThat(processA.mustWait(running)).isFalse();
        Job younger = queued(tenant, Instant.now().minusSeconds(10));
        Job oldest = queued(tenant, Instant.now().minusSeconds(20));
        Job cancelled = queued(tenant, Instant.now().minusSeconds(25));
        assertThat(processB.mustWait(younger)).isTrue();
        assertThat(processA.mustWait(oldest)).isTrue();
        assertThat(processB.mustWait(cancelled)).isTrue();
        assertThat(slots.waiting(tenant)).hasSize(3);

        // A waiter that ends while it waits leaves the list and, holding no slot, wakes nobody.
        processA.onJobChanged(new JobChanged(jobs.update(cancelled.jobId(), job -> job.cancelled(Instant.now())).orElseThrow()));
        assertThat(slots.waiting(tenant)).hasSize(2);
        assertThat(wokenByA).isEmpty();

        // The running job ends in process B: B wakes the oldest waiter, only it, and takes it off the list.
        Job ended = jobs.update(running.jobId(), job -> job.cancelled(Instant.now())).orElseThrow();
        processB.onJobChanged(new JobChanged(ended));
        assertThat(wokenByB).containsExactly(oldest.jobId());
        assertThat(slots.waiting(tenant)).containsExactly(RunningJobSlots.waitingEntry(younger));
        // The same end seen again (a second event, another process) frees no slot, so it wakes nobody.
        processA.onJobChanged(new JobChanged(ended));
        assertThat(wokenByA).isEmpty();

        // The woken job takes the slot in process A; the younger one still waits, and is next.
        assertThat(processA.mustWait(oldest)).isFalse();
        assertThat(processB.mustWait(younger)).isTrue();
        assertThat(slots.holders(tenant)).containsExactly(oldest.jobId());
        processA.onJobChanged(new JobChanged(jobs.update(oldest.jobId(), job -> job.cancelled(Instant.now())).orElseThrow()));
        assertThat(wokenByA).containsExactly(younger.jobId());
        assertThat(slots.waiting(tenant)).isEmpty();
        jobs.update(younger.jobId(), job -> job.cancelled(Instant.now()));
    }

    @Test
    void aFallbackCopyOfAJobWokenAndClaimedMeanwhileIsDroppedWhereAJobCreatedWouldComeBack() throws Exception {
        String tenant = "slots-" + UUID.randomUUID();
        Instant now = Instant.now();
        // Two jobs a delivery claimed and runs under a live lease (as a woken job is once its JOB_CREATED was taken).
        UnaryOperator<Job> underWay = job -> job.claimed(now, now.plusSeconds(120), "woken")
                .stepStartedBy("validate", "woken", "w", now, now.plusSeconds(120));
        Job woken = queued(tenant);
        Job duplicated = queued(tenant);
        long version = jobs.update(woken.jobId(), underWay).orElseThrow().version();
        jobs.update(duplicated.jobId(), underWay);
        Set<String> deferred = ConcurrentHashMap.newKeySet();
        EventNotifierSupport deferrals = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSentEvent sent
                        && sent.getEndpoint().getEndpointUri().contains("defer-step")) {
                    deferred.add(sent.getExchange().getMessage().getHeader(AegisHeaders.JOB_ID, String.class));
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(deferrals);
        deferrals.start();
        try {
            NotifyBuilder handled = new NotifyBuilder(camel).fromRoute("orchestrate.jobs")
                    .filter(header(AegisHeaders.JOB_ID).in(woken.jobId(), duplicated.jobId())).whenDone(2).create();
            String queueUrl = sqs.getQueueUrl(b -> b.queueName("aegis-jobs")).queueUrl();
            for (JobMessage message : List.of(JobMessage.jobCreated(woken.jobId(), tenant, woken.assetId()).waitingForSlot(),
                    JobMessage.jobCreated(duplicated.jobId(), tenant, duplicated.assetId()))) {
                String body = json.writeValueAsString(message);
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
            }
            assertThat(handled.matches(60, TimeUnit.SECONDS)).as("both messages handled").isTrue();

            // A JOB_CREATED for a job held under a live lease comes back when the lease would lapse; the waiting
            // copy of a job already under way has nothing left to do: dropped, the job untouched.
            assertThat(deferred).containsExactly(duplicated.jobId());
            assertThat(jobs.find(woken.jobId()).orElseThrow().version()).isEqualTo(version);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(deferrals);
            for (Job job : List.of(woken, duplicated)) {
                jobs.update(job.jobId(), j -> j.cancelled(Instant.now()));
            }
        }
    }

    private static WaitingJobWaker recording(List<String> woken) {
        return new WaitingJobWaker(null, null, null, new SimpleMeterRegistry()) {
            @Override
            public void wake(Job job) {
                woken.add(job.jobId());
            }
        };
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
        TenantJobLimit limit = new TenantJobLimit(jobs, slots, new TenantJobLimitProperties(3, Map.of(), Duration.ofSeconds(1), 0, 0, Map.of()),
                recording(new ArrayList<>()));
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
        return queued(tenant, Instant.now());
    }

    private Job queued(String tenant, Instant createdAt) {
        String id = "slots-" + UUID.randomUUID();
        Job job = Job.queued(id, tenant, "asset-" + id, "a.txt", 10, tenant + "/none/" + id, false,
                List.of("validate", "metadata"), createdAt);
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
