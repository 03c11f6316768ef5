package io.aegis.orchestrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.media.ToolProcesses;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.platform.WorkerIdentity;
import io.aegis.state.Job;
import io.aegis.state.JobChanged;
import io.aegis.state.JobStore;
import io.aegis.state.RunningJobSlots;
import io.aegis.state.StepStatus;
import io.aegis.steps.StepCatalog;
import io.aegis.testsupport.InMemoryDynamoDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * The job state machine of one process (JobLifecycle and the processors over it) on an in-memory jobs table that keeps
 * DynamoDB's conditional versioned writes ({@link InMemoryDynamoDb}); {@link #otherProcess()} is a second process on
 * the same table, as two orchestrators are on one DynamoDB table.
 */
final class JobTable {

    static final String JOBS = "aegis-jobs";
    static final String LIMITS = "aegis-limits";
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How long a waiting job's fallback copy stays away. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(60);
    /** A tenant that may run one job at a time; every other tenant has no limit. */
    static final String LIMITED_TENANT = "one-at-a-time";

    static final ResourceNames NAMES = new ResourceNames(
            new ResourceNames.Buckets("aegis-raw", "aegis-processed"),
            new ResourceNames.Queues("aegis-jobs", "aegis-jobs-priority", "aegis-media", "aegis-ai", "aegis-ingest",
                    "-dlq", 5, 1, 30, new ResourceNames.Consumers(1, 1, 1, 1, 1), "aegis-webhooks"),
            new ResourceNames.Tables(JOBS, "byTenant", "unfinished", "aegis-assets", "aegis-idempotency", "aegis-uploads",
                    "queued", "byExpiry", "uploadsByTenant", LIMITS, "aegis-webhooks", "webhooksByTenant", "deliveries"));

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();

    final InMemoryDynamoDb dynamo;
    final JobStore store;
    final JobLifecycle lifecycle;
    final StepCatalog steps = new StepCatalog(Map.of("summarize", "ai", "thumbnail", "media"), step -> Duration.ofMinutes(5));
    final TenantJobLimit tenantLimit;
    final JobClaimer claimer;
    final StepStarter starter;
    final PlanAdvancer advancer;
    final RunningJobSlots slots;
    /** The jobs woken so far (the JOB_CREATED each waker sent), in the order sent, by every process on the table. */
    final List<String> woken;

    JobTable() {
        this(new InMemoryDynamoDb(Map.of(JOBS, "jobId", LIMITS, "limitKey")), new CopyOnWriteArrayList<>());
    }

    private JobTable(InMemoryDynamoDb dynamo, List<String> woken) {
        this.dynamo = dynamo;
        this.woken = woken;
        TenantJobLimit[] limit = new TenantJobLimit[1];
        // Spring delivers JobChanged to TenantJobLimit's @EventListener: the same here.
        this.store = new JobStore(dynamo, NAMES, event -> {
            if (event instanceof JobChanged changed && limit[0] != null) {
                limit[0].onJobChanged(changed);
            }
        });
        var pipeline = new PipelineProperties(null, new PipelineProperties.Steps(Map.of(), LEASE, null, null));
        this.lifecycle = new JobLifecycle(store, pipeline, new WorkerIdentity("worker-1"), new JobMetrics(new SimpleMeterRegistry()));
        this.slots = new RunningJobSlots(dynamo, NAMES);
        // The wake-up's JOB_CREATED is recorded instead of sent: a test delivers it (or loses it) as it needs.
        WaitingJobWaker waker = new WaitingJobWaker(null, null, null, new SimpleMeterRegistry()) {
            @Override
            public void wake(Job job) {
                woken.add(job.jobId());
            }
        };
        this.tenantLimit = new TenantJobLimit(store, slots,
                new TenantJobLimitProperties(0, Map.of(LIMITED_TENANT, 1), RETRY_DELAY, 0, 0, null), waker);
        limit[0] = tenantLimit;
        this.claimer = new JobClaimer(lifecycle, tenantLimit, new ObjectMapper());
        this.starter = new StepStarter(lifecycle, new StepLeases(lifecycle, new ToolProcesses()), steps);
        this.advancer = new PlanAdvancer(lifecycle, steps, NAMES);
    }

    /** Another orchestrator process on the same table (its own caches, its own processors). */
    JobTable otherProcess() {
        return new JobTable(dynamo, woken);
    }

    /** A new QUEUED job of {@code tenant}, as an upload creates it. */
    Job queuedJob(String tenant) {
        String id = "job-" + UUID.randomUUID();
        Job job = Job.queued(id, tenant, "asset-" + id, "photo.jpg", 100, tenant + "/asset/original/photo.jpg", false,
                List.of("validate", "metadata"), Instant.now());
        if (!store.create(job)) {
            throw new IllegalStateException("job exists: " + id);
        }
        return job;
    }

    /** A RUNNING job of {@code tenant} past validate and metadata with {@code plan} still to run. */
    Job runningJob(String tenant, List<String> plan) {
        Job job = queuedJob(tenant);
        String holder = "setup-" + job.jobId();
        lifecycle.claim(job.jobId(), holder).orElseThrow();
        for (String step : List.of("validate", "metadata")) {
            lifecycle.startStep(job.jobId(), step, holder);
            lifecycle.finishStep(job.jobId(), step, StepStatus.SUCCEEDED, found -> found);
        }
        return lifecycle.plan(job.jobId(), plan);
    }

    Job job(String jobId) {
        return store.find(jobId).orElseThrow();
    }

    /** A fresh delivery of a message: a new exchange, so a new lease holder. */
    static Exchange delivery(Object body) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    /** A delivery of STEP_REQUESTED for {@code step} of {@code job}, past StepMessageReader. */
    static Exchange stepDelivery(Job job, String step) {
        Exchange exchange = delivery(JobMessage.stepRequested(job.jobId(), job.tenant(), job.assetId(), step));
        exchange.getMessage().setHeader(AegisHeaders.JOB_ID, job.jobId());
        exchange.getMessage().setHeader(AegisHeaders.STEP, step);
        return exchange;
    }
}
