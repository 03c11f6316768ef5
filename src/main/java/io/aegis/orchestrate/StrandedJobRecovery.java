package io.aegis.orchestrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.platform.Roles;
import io.aegis.state.ErrorCode;
import io.aegis.state.Job;
import io.aegis.state.JobError;
import io.aegis.state.JobStore;
import io.aegis.state.PendingUploadStore;
import io.aegis.state.StepState;
import io.aegis.state.StepStatus;
import io.aegis.steps.StepCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The recovery pass: makes sure every unfinished job is still on its way. Safe in every orchestrator at once: each
 * change is a conditional write on the job's version, decided again on the stored job, so only one pass acts on a job.
 * <ol>
 * <li>Dead letters: a message in a DLQ whose job has not ended and has not been written for 15 s (SQS's
 * RedrivePolicy moved it after {@code max-receive-count} receives without an outcome: a worker kept dying, or AWS
 * stayed unreachable) ends its job FAILED naming the DLQ, so it can be inspected and redriven like any other. The
 * DLQs are only peeked (visibility timeout 0), never hidden from operators.</li>
 * <li>Stranded jobs: QUEUED or RUNNING, no live lease, not written for {@code stranded-after} (found on the sparse
 * unfinished-jobs index, oldest first), not awaiting a presigned upload, and the queue it waits on holds no message
 * at all (visible, in flight or delayed), so its message is gone. It is announced again at its first unfinished
 * step (JOB_CREATED, or STEP_REQUESTED to the step's queue), counting a recovery; one whose recoveries are used up
 * ends FAILED with {@link ErrorCode#STRANDED}. A job behind a backlog is left alone: its message is in the queue.</li>
 * </ol>
 * {@code aegis_jobs_recovery_total{outcome}} counts {@code reannounced}, {@code stranded} and {@code dead_lettered}.
 */
@Component("strandedJobRecovery")
public class StrandedJobRecovery {

    private static final Logger log = LoggerFactory.getLogger(StrandedJobRecovery.class);
    static final String METRIC = "aegis.jobs.recovery";
    /** A dead letter fails its job only once nothing has written the job for this long. */
    private static final java.time.Duration QUIET = java.time.Duration.ofSeconds(15);

    private final JobStore jobs;
    private final JobLifecycle lifecycle;
    private final PendingUploadStore pendingUploads;
    private final SqsClient sqs;
    private final ResourceNames names;
    private final StepCatalog steps;
    private final RecoveryProperties recovery;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();

    public StrandedJobRecovery(JobStore jobs, JobLifecycle lifecycle, PendingUploadStore pendingUploads, SqsClient sqs,
                               ResourceNames names, StepCatalog steps, RecoveryProperties recovery,
                               ObjectMapper json, MeterRegistry registry) {
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.pendingUploads = pendingUploads;
        this.sqs = sqs;
        this.names = names;
        this.steps = steps;
        this.recovery = recovery;
        this.json = json;
        this.registry = registry;
        // Registered at start, so the alert's series exist (at 0) before anything is recovered.
        for (String outcome : List.of("reannounced", "stranded", "dead_lettered")) {
            counter(outcome);
        }
    }

    /** One pass: dead letters first (their jobs end FAILED), then the jobs nothing is moving any more. */
    public void run() {
        for (String queue : names.queues().all()) {
            try {
                failJobsOfDeadLetters(queue);
            } catch (RuntimeException e) {
                log.warn("recovery: could not read {}: {}", names.queues().dlqOf(queue), e.toString());
            }
        }
        Instant now = clock.instant();
        Map<String, Boolean> idle = new HashMap<>();
        for (String jobId : jobs.unfinishedNotUpdatedSince(now.minus(recovery.strandedAfter()), recovery.batch())) {
            try {
                recover(jobId, now, idle);
            } catch (RuntimeException e) {
                log.warn("recovery: job {} not recovered this time: {}", jobId, e.toString());
            }
        }
    }

    // Read with visibility timeout 0, like the admin API's peek: nothing is hidden from an operator or a redrive.
    // Each receive returns messages the last one did not (a message received moves behind the others) until all
    // have been seen or a pass's batch is used up.
    private void failJobsOfDeadLetters(String queue) {
        String dlq = names.queues().dlqOf(queue);
        String url = sqs.getQueueUrl(b -> b.queueName(dlq)).queueUrl();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (seen.size() < recovery.batch()) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(0).messageAttributeNames("All")).messages();
            List<Message> fresh = batch.stream().filter(message -> seen.add(message.messageId())).toList();
            if (fresh.isEmpty()) {
                return;
            }
            fresh.forEach(message -> failJobOf(message, queue, dlq));
        }
    }

    private void failJobOf(Message message, String queue, String dlq) {
        JobMessage body = parse(message.body());
        if (body == null || body.jobId() == null) {
            return;
        }
        Optional<Job> job = lifecycle.find(body.jobId());
        if (job.isEmpty() || job.get().status().isTerminal()) {
            return;
        }
        MessageAttributeValue code = message.messageAttributes().get(DeadLetterAttributes.CODE);
        MessageAttributeValue reason = message.messageAttributes().get(DeadLetterAttributes.MESSAGE);
        JobError error = code != null
                ? new JobError(code.stringValue(), (reason == null ? "failed" : reason.stringValue()) + "; message kept in " + dlq)
                : JobError.of(ErrorCode.INTERNAL, "SQS moved its message to " + dlq + " after "
                        + names.queues().maxReceiveCount() + " receives from " + queue + " without an outcome (a worker"
                        + " died or could not reach AWS each time); redrive it from " + dlq);
        String step = body.step() != null ? body.step() : runningStep(job.get()).orElse(null);
        // A job written a moment ago is moving (a redrive has just reopened it): it is looked at again next pass.
        Instant quietSince = clock.instant().minus(QUIET);
        if (lifecycle.failIf(body.jobId(), step, error,
                current -> current.updatedAt() == null || current.updatedAt().isBefore(quietSince)).isPresent()) {
            counter("dead_lettered").increment();
            log.warn("job {} failed: its message is in {}", body.jobId(), dlq);
        }
    }

    private void recover(String jobId, Instant now, Map<String, Boolean> idle) {
        Job job = lifecycle.find(jobId).orElse(null);
        if (job == null || !job.stale(now, recovery.strandedAfter())) {
            return;
        }
        if (job.status() == io.aegis.state.JobStatus.QUEUED && job.rawKey() != null
                && pendingUploads.find(job.rawKey()).isPresent()) {
            return; // a presigned upload not landed yet: the pending-upload check starts or expires it
        }
        Announcement next = announcementOf(job);
        if (!idle.computeIfAbsent(next.queue(), this::queueEmpty)) {
            return; // its message may be waiting behind others: not stranded
        }
        if (job.recoveries() >= recovery.maxRecoveries()) {
            strand(job, now);
            return;
        }
        long seenVersion = job.version();
        boolean[] won = {false};
        jobs.update(jobId, current -> {
            won[0] = current.version() == seenVersion && current.stale(now, recovery.strandedAfter());
            return won[0] ? current.recovered(now) : current;
        });
        if (!won[0]) {
            return; // it moved meanwhile, or another orchestrator recovered it first
        }
        if (next.message() == null) {
            lifecycle.succeed(jobId); // every planned step had finished: only the job's own end was missing
        } else {
            send(next);
        }
        counter("reannounced").increment();
        log.warn("job {} ({}) had not moved since {} and no message was waiting for it: announced again ({}, recovery {} of {})",
                jobId, job.status(), job.updatedAt(), next.message() == null ? "succeeded" : next.message().type()
                        + (next.message().step() == null ? "" : " " + next.message().step()),
                job.recoveries() + 1, recovery.maxRecoveries());
    }

    private void strand(Job job, Instant now) {
        JobError error = JobError.of(ErrorCode.STRANDED, "nothing moved the job since " + job.updatedAt()
                + " and no message for it was waiting, after announcing it again " + job.recoveries() + " time(s)");
        Optional<Job> failed = lifecycle.failIf(job.jobId(), runningStep(job).orElse(null), error,
                current -> current.version() == job.version() && current.stale(now, recovery.strandedAfter()));
        if (failed.isPresent()) {
            counter("stranded").increment();
            log.error("job {} failed STRANDED: {}", job.jobId(), error.message());
        }
    }

    /** Where the job goes on: its first unfinished step, or JOB_CREATED while it has no plan yet. */
    private Announcement announcementOf(Job job) {
        String jobsQueue = job.priority() ? names.queues().jobsPriority() : names.queues().jobs();
        boolean planned = job.steps().stream().anyMatch(step -> steps.knows(step.name()));
        Optional<StepState> next = job.nextUnfinishedStep();
        if (job.status() == io.aegis.state.JobStatus.QUEUED || !planned
                || next.filter(step -> !steps.knows(step.name())).isPresent()) {
            return new Announcement(jobsQueue, JobMessage.jobCreated(job.jobId(), job.tenant(), job.assetId()));
        }
        if (next.isEmpty()) {
            return new Announcement(jobsQueue, null);
        }
        String step = next.get().name();
        String queue = Roles.AI.equals(steps.queueOf(step)) ? names.queues().ai() : names.queues().media();
        return new Announcement(queue, JobMessage.stepRequested(job.jobId(), job.tenant(), job.assetId(), step));
    }

    private record Announcement(String queue, JobMessage message) {
    }

    private static Optional<String> runningStep(Job job) {
        return job.steps().stream().filter(step -> step.status() == StepStatus.RUNNING).map(StepState::name).findFirst();
    }

    /** Nothing at all on the queue: no message visible, in flight or delayed. */
    private boolean queueEmpty(String queue) {
        String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return counts.values().stream().mapToLong(value -> value == null ? 0 : Long.parseLong(value)).sum() == 0;
    }

    private void send(Announcement next) {
        String url = sqs.getQueueUrl(b -> b.queueName(next.queue())).queueUrl();
        try {
            String body = json.writeValueAsString(next.message());
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JobMessage parse(String body) {
        try {
            return json.readValue(body, JobMessage.class);
        } catch (Exception notAJobMessage) {
            return null;
        }
    }

    private Counter counter(String outcome) {
        return Counter.builder(METRIC)
                .description("Jobs the recovery pass announced again (reannounced), failed STRANDED, or failed because"
                        + " SQS moved their message to a DLQ (dead_lettered)")
                .tag("outcome", outcome)
                .register(registry);
    }
}
