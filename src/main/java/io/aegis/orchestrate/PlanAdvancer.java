package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.platform.Roles;
import io.aegis.state.Job;
import io.aegis.steps.StepCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After a step: sends the job's first unfinished step to its worker queue as STEP_REQUESTED, or, when
 * none is left, marks the job SUCCEEDED. The plan lives in DynamoDB, so a redriven message resumes here.
 */
@Component("planAdvancer")
public class PlanAdvancer implements Processor {

    private static final Logger log = LoggerFactory.getLogger(PlanAdvancer.class);

    private final JobLifecycle lifecycle;
    private final StepCatalog steps;
    private final ResourceNames names;

    public PlanAdvancer(JobLifecycle lifecycle, StepCatalog steps, ResourceNames names) {
        this.lifecycle = lifecycle;
        this.steps = steps;
        this.names = names;
    }

    @Override
    public void process(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        Job written = exchange.getProperty(JobHeaders.WRITTEN, Job.class);
        exchange.removeProperty(JobHeaders.WRITTEN);
        Job job = written != null && written.jobId().equals(jobId) ? written : lifecycle.find(jobId).orElseThrow(() -> JobLifecycle.gone(jobId));
        exchange.getMessage().removeHeader(AegisHeaders.NEXT_QUEUE);
        if (job.status().isTerminal()) {
            return;
        }
        var next = job.nextUnfinishedStep();
        if (next.isEmpty()) {
            lifecycle.succeed(jobId);
            log.info("job {} succeeded", jobId);
            return;
        }
        String step = next.get().name();
        exchange.getMessage().setHeader(AegisHeaders.NEXT_QUEUE, queueOf(step));
        exchange.getMessage().setBody(JobMessage.stepRequested(job.jobId(), job.tenant(), job.assetId(), step));
    }

    private String queueOf(String step) {
        String role = steps.queueOf(step);
        return Roles.AI.equals(role) ? names.queues().ai() : names.queues().media();
    }
}
