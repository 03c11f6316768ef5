package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.orchestrate.DeadLetterHandOff;
import io.aegis.orchestrate.JobLifecycle;
import io.aegis.orchestrate.JobMessage;
import io.aegis.orchestrate.TenantJobLimit;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.Job;
import io.aegis.state.JobChanged;
import io.aegis.state.JobStatus;
import io.aegis.state.JobStore;
import io.aegis.state.RunningJobSlots;
import io.aegis.state.StepState;
import io.aegis.state.StepStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The branches of the orchestration routes (OrchestrationRoutes, PipelineRoutes), watched at route level in the shared
 * pipeline context: a message is put on a real queue for a job in a prepared state, and {@link NotifyBuilder} (with a
 * {@link MockEndpoint} fed by it, so no route is changed) sees which route took it and what it carried. Direct routes
 * run on the consumer's thread, so once the consumer's exchange is done, a branch that did not run never will. Each
 * test creates its "consumed" builder last: Camel tells its event notifiers in the order they were added, so when that
 * one matches, every other builder has seen the same exchange end and a {@code matches()} of false is a real "no".
 */
class OrchestrationRoutesIT extends PipelineTestSupport {

    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    CamelContext camel;

    @Autowired
    JobStore jobs;

    @Autowired
    JobLifecycle lifecycle;

    @Autowired
    TenantJobLimit tenantLimit;

    @Autowired
    ResourceNames names;

    @Autowired
    RunningJobSlots slots;

    @Autowired
    SqsClient sqs;

    @Autowired
    FaultInjection faults;

    @Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    private final List<Job> made = new ArrayList<>();

    @AfterEach
    void endWhatWasMade() {
        faults.switchOn(false);
        // Cancelled, so their deferred messages are dropped when they come back and the tenant's slots are given back.
        made.forEach(job -> lifecycle.cancel(job.jobId(), job.tenant()));
    }

    @Test
    void aClaimedJobRunsValidateMetadataAndEveryPlannedStepOnceAndEndsAtItsLastStep() throws Exception {
        String token = localToken();
        // The plan of a text file, as routes/dispatch-by-media-kind.yaml reads it.
        List<String> plan = List.of(camel.resolvePropertyPlaceholders("{{aegis.plans.text:summarize,embed}}").split(","));
        MockEndpoint steps = mock("steps");
        // Only a count: the mock is fed by NotifyBuilder, which asks it at every event whether it is satisfied.
        steps.expectedMessageCount(plan.size());
        String[] jobId = new String[1];
        // Every step message the workers consume for this job, in order.
        NotifyBuilder workers = new NotifyBuilder(camel).fromRoute("(media|ai)\\.worker").filter(e -> of(e, jobId[0]))
                .whenDoneSatisfied(steps).create();
        NotifyBuilder claimed = new NotifyBuilder(camel).fromRoute("orchestrate.jobs").filter(e -> of(e, jobId[0]))
                .wereSentTo("direct:orchestrate").whenCompleted(1).create();

        jobId[0] = uploadAccepted(token, "route-level.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
        JsonNode done = awaitTerminal(token, jobId[0]);

        assertThat(done.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(claimed.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("claimed by orchestrate.jobs").isTrue();
        Job job = jobs.find(jobId[0]).orElseThrow();
        assertThat(job.steps()).extracting(StepState::name).containsExactlyElementsOf(
                Stream.concat(Stream.of("validate", "metadata"), plan.stream()).toList());
        assertThat(workers.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("one message per planned step").isTrue();
        steps.assertIsSatisfied();
        // What each consumed message asked for, as it arrived (the step routes leave the message changed).
        assertThat(steps.getReceivedExchanges())
                .extracting(e -> read(e.getProperty(DeadLetterHandOff.ORIGINAL_BODY, String.class)).path("step").asText())
                .as("each planned step's message, once").containsExactlyInAnyOrderElementsOf(plan);
        job.steps().forEach(step -> {
            assertThat(step.status()).as(step.name()).isIn(StepStatus.SUCCEEDED, StepStatus.SKIPPED);
            assertThat(step.attempts()).as(step.name() + " ran once").isLessThanOrEqualTo(1);
        });
        // The last step's message ended the job: no step message follows it.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(steps.getReceivedCounter()).isEqualTo(plan.size()));
    }

    @Test
    void theClaimingDeliveryWritesTheJobThreeTimesEachStepEndWithTheNextWrite() {
        String token = localToken();
        List<Job> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        // Every write of any job, as this process made it (JobStore publishes each one that changed it): the claim may
        // come before the upload's answer names the job.
        org.springframework.context.ApplicationListener<org.springframework.context.ApplicationEvent> listener = event -> {
            if (event instanceof org.springframework.context.PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof JobChanged changed) {
                written.add(changed.job());
            }
        };
        String jobId;
        context.addApplicationListener(listener);
        try {
            jobId = uploadAccepted(token, "writes.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
            assertThat(awaitTerminal(token, jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        } finally {
            context.removeApplicationListener(listener);
        }

        // Lease renewals aside (they change no step), the writes of the claiming delivery, in order.
        List<String> states = new ArrayList<>();
        for (Job job : written.stream().filter(job -> job.jobId().equals(jobId)).toList()) {
            String state = job.status() + " " + job.steps().stream().map(s -> s.name() + "=" + s.status()).toList();
            if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                states.add(state);
            }
        }
        Job planned = jobs.find(jobId).orElseThrow();
        List<String> plan = planned.steps().stream().map(StepState::name).filter(s -> !List.of("validate", "metadata").contains(s)).toList();
        String pending = plan.stream().map(s -> s + "=PENDING").collect(java.util.stream.Collectors.joining(", "));
        // (The upload's QUEUED write comes before the job id is known here.)
        assertThat(states).as("claim+validate, validate's end+metadata's start, metadata's end+plan").startsWith(
                "QUEUED [validate=PENDING, metadata=PENDING]",
                "RUNNING [validate=RUNNING, metadata=PENDING]",
                "RUNNING [validate=SUCCEEDED, metadata=RUNNING]",
                "RUNNING [validate=SUCCEEDED, metadata=SUCCEEDED, " + pending + "]");
        assertThat(planned.steps()).allSatisfy(step -> assertThat(step.status()).isIn(StepStatus.SUCCEEDED, StepStatus.SKIPPED));
    }

    @Test
    void aJobHeldUnderAnotherDeliverysLiveLeaseIsDeferredUntilTheLeaseEndsNotRun() {
        Job job = queuedJob("local");
        lifecycle.claim(job.jobId(), "a-delivery-whose-worker-died").orElseThrow();
        Instant leaseUntil = jobs.find(job.jobId()).orElseThrow().leaseUntil();
        MockEndpoint deferred = mock("deferred");
        deferred.expectedMessageCount(1);
        deferred.expectedHeaderReceived(AegisHeaders.NEXT_QUEUE, names.queues().jobs());
        NotifyBuilder defer = new NotifyBuilder(camel).fromRoute("orchestrate.jobs").filter(e -> of(e, job.jobId()))
                .wereSentTo("direct:defer-step").whenDoneSatisfied(deferred).create();
        NotifyBuilder ran = sentTo("orchestrate.jobs", "direct:orchestrate", job);
        NotifyBuilder consumed = consumedBy("orchestrate.jobs", job);

        send(names.queues().jobs(), JobMessage.jobCreated(job.jobId(), job.tenant(), job.assetId()));

        assertThat(consumed.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(defer.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Exchange sent = deferred.getReceivedExchanges().get(0);
        long delay = sent.getMessage().getHeader(Sqs2Constants.DELAY_HEADER, Integer.class);
        assertThat(delay).as("back when the lease lapses")
                .isBetween(1L, Duration.between(Instant.now(), leaseUntil).toSeconds() + 2);
        assertThat(read(sent.getMessage().getBody(String.class)).path("jobId").asText())
                .as("the message as it arrived").isEqualTo(job.jobId());
        assertThat(ran.matches()).as("not run under another delivery's lease").isFalse();
        Job after = jobs.find(job.jobId()).orElseThrow();
        assertThat(after.leaseHolder()).isEqualTo("a-delivery-whose-worker-died");
        assertThat(after.step("validate").orElseThrow().attempts()).isZero();
    }

    @Test
    void aJobOverItsTenantsRunningLimitWaitsOnTheWaitingListAndIsWokenWhenASlotIsGivenBack() {
        String tenant = "throttled"; // one running job at a time (application-test.yaml)
        Job running = queuedJob(tenant);
        assertThat(tenantLimit.mustWait(running)).as("the first job takes the tenant's slot").isFalse();
        lifecycle.claim(running.jobId(), "elsewhere").orElseThrow();
        // Renewed far ahead, so its worker is not taken for lost while this test runs.
        jobs.update(running.jobId(), j -> j.withLease(Instant.now(), Instant.now().plusSeconds(600)));
        Job waiting = queuedJob(tenant);
        MockEndpoint deferred = mock("over-limit");
        deferred.expectedMessageCount(1);
        deferred.expectedHeaderReceived(AegisHeaders.NEXT_QUEUE, names.queues().jobs());
        NotifyBuilder defer = new NotifyBuilder(camel).fromRoute("orchestrate.jobs").filter(e -> of(e, waiting.jobId()))
                .wereSentTo("direct:defer-step").whenDoneSatisfied(deferred).create();
        NotifyBuilder ran = sentTo("orchestrate.jobs", "direct:orchestrate", waiting);
        NotifyBuilder consumed = consumedBy("orchestrate.jobs", waiting);

        send(names.queues().jobs(), JobMessage.jobCreated(waiting.jobId(), tenant, waiting.assetId()));

        assertThat(consumed.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(defer.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("its fallback copy is sent").isTrue();
        Exchange copy = deferred.getReceivedExchanges().get(0);
        assertThat(copy.getMessage().getHeader(Sqs2Constants.DELAY_HEADER, Integer.class))
                .as("only after the retry delay (60s)").isGreaterThanOrEqualTo(55);
        assertThat(copy.getMessage().getBody(String.class)).contains(JobMessage.JOB_WAITING);
        assertThat(ran.matches()).isFalse();
        assertThat(jobs.find(waiting.jobId()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(slots.waiting(tenant)).contains(RunningJobSlots.waitingEntry(waiting));

        lifecycle.cancel(running.jobId(), tenant); // its slot is given back: the waiting job is woken

        assertThat(ran.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("claimed from its wake-up, long before its fallback copy comes back").isTrue();
        assertThat(slots.waiting(tenant)).doesNotContain(RunningJobSlots.waitingEntry(waiting));
    }

    @Test
    void aCancelledJobsMessagesAreDroppedNeitherRunNorDeferredNorDeadLettered() {
        Job job = queuedJob("local");
        lifecycle.cancel(job.jobId(), "local").orElseThrow();
        NotifyBuilder ran = sentTo("orchestrate.jobs", "direct:orchestrate", job);
        NotifyBuilder deferred = sentTo("*", "direct:defer-step", job);
        NotifyBuilder deadLettered = sentTo("*", "direct:dead-letter", job);
        NotifyBuilder stepRan = sentTo("ai.worker", "direct:step-summarize", job);
        NotifyBuilder claimConsumed = consumedBy("orchestrate.jobs", job);
        NotifyBuilder stepConsumed = consumedBy("ai.worker", job);

        send(names.queues().jobs(), JobMessage.jobCreated(job.jobId(), "local", job.assetId()));
        send(names.queues().ai(), JobMessage.stepRequested(job.jobId(), "local", job.assetId(), "summarize"));

        assertThat(claimConsumed.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(stepConsumed.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(ran.matches()).isFalse();
        assertThat(deferred.matches()).isFalse();
        assertThat(deadLettered.matches()).isFalse();
        assertThat(stepRan.matches()).as("the step of a cancelled job does not run").isFalse();
        assertThat(jobs.find(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aStepThatKeepsFailingIsDeadLetteredAsItArrivedAfterItsRetriesAndFailsTheJob() throws Exception {
        String admin = token("aegis-admin", "media:read media:write admin");
        MockEndpoint letters = mock("dead-letters");
        letters.expectedMessageCount(1);
        letters.expectedPropertyReceived(DeadLetterHandOff.DEAD_LETTER_QUEUE, names.queues().dlqOf(names.queues().ai()));
        String[] jobId = new String[1];
        NotifyBuilder deadLettered = new NotifyBuilder(camel).fromRoute("ai.worker").filter(e -> of(e, jobId[0]))
                .wereSentTo("direct:dead-letter").whenDoneSatisfied(letters).create();
        faults.switchOn(true);

        jobId[0] = uploadAccepted(admin, "poison-route-level.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
        JsonNode failed = awaitTerminal(admin, jobId[0]);

        assertThat(deadLettered.matches(ROUTE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        letters.assertIsSatisfied(0);
        JsonNode letter = read(letters.getReceivedExchanges().get(0).getProperty(DeadLetterHandOff.ORIGINAL_BODY, String.class));
        assertThat(letter.path("type").asText()).isEqualTo(JobMessage.STEP_REQUESTED);
        assertThat(letter.path("step").asText()).isEqualTo("summarize");
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(step(failed, "summarize").path("attempts").asInt()).as("the first try and 2 redeliveries").isEqualTo(3);

        // Leaves the DLQ as it found it: the letter is redriven and, the fault off, the job resumes and succeeds.
        faults.switchOn(false);
        var redrive = http.exchange("/v1/admin/dlq/" + names.queues().ai() + "/redrive", HttpMethod.POST,
                new HttpEntity<>(bearer(admin)), String.class);
        assertThat(redrive.getStatusCode().is2xxSuccessful()).as(redrive.getBody()).isTrue();
        assertThat(awaitJob(admin, jobId[0], job -> job.path("status").asText().equals("SUCCEEDED")).path("status").asText())
                .isEqualTo("SUCCEEDED");
    }

    private Job queuedJob(String tenant) {
        String id = UUID.randomUUID().toString();
        Job job = Job.queued(id, tenant, UUID.randomUUID().toString(), "route-level.txt", 10,
                tenant + "/" + id + "/original/route-level.txt", false, List.of("validate", "metadata"), Instant.now());
        assertThat(jobs.create(job)).isTrue();
        made.add(job);
        return job;
    }

    private void send(String queue, JobMessage message) {
        String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(unchecked(message)));
    }

    private String unchecked(JobMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The consumer route's exchange for this job has completed (not failed: nothing to redeliver). */
    private NotifyBuilder consumedBy(String route, Job job) {
        return new NotifyBuilder(camel).fromRoute(route).filter(e -> of(e, job.jobId())).whenCompleted(1).create();
    }

    /** Done once an exchange of this job from {@code route} was sent to {@code endpoint} (a direct: route it runs). */
    private NotifyBuilder sentTo(String route, String endpoint, Job job) {
        return new NotifyBuilder(camel).fromRoute(route).filter(e -> of(e, job.jobId())).wereSentTo(endpoint).whenDone(1).create();
    }

    private MockEndpoint mock(String name) {
        return camel.getEndpoint("mock:routes-it-" + name + "-" + UUID.randomUUID(), MockEndpoint.class);
    }

    // Whether an exchange is about this job: by the header the claim and step reader set, or by the message itself.
    private static boolean of(Exchange exchange, String jobId) {
        if (jobId == null) {
            return false;
        }
        if (jobId.equals(exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class))) {
            return true;
        }
        Object body = exchange.getMessage().getBody();
        String original = exchange.getProperty(DeadLetterHandOff.ORIGINAL_BODY, String.class);
        return (original != null && original.contains(jobId)) || (body != null && String.valueOf(body).contains(jobId));
    }
}
