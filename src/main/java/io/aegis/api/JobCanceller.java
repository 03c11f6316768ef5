package io.aegis.api;

import io.aegis.orchestrate.AwaitedUploads;
import io.aegis.orchestrate.JobLifecycle;
import io.aegis.orchestrate.StepLeases;
import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * DELETE /v1/jobs/{jobId}: cancels a job that has not ended and answers 200 with it, now CANCELLED; a job
 * that already ended is 409, another tenant's is 404. A step running at that moment is stopped: its tools
 * are killed at once when it runs in this process, otherwise by its worker within one lease renewal
 * ({@link StepLeases}); no later step starts.
 */
@Component("jobCanceller")
public class JobCanceller implements Processor {

    private final JobLifecycle lifecycle;
    private final ApiResponses responses;
    private final StepLeases leases;
    private final AwaitedUploads awaited;

    public JobCanceller(JobLifecycle lifecycle, ApiResponses responses, StepLeases leases, AwaitedUploads awaited) {
        this.lifecycle = lifecycle;
        this.responses = responses;
        this.leases = leases;
        this.awaited = awaited;
    }

    @Override
    public void process(Exchange exchange) {
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String jobId = exchange.getMessage().getHeader("jobId", String.class);
        var cancellation = lifecycle.cancel(jobId, tenant).orElseThrow(() -> ApiProblem.notFound("job", jobId));
        if (!cancellation.cancelled()) {
            throw new ApiProblem(409, "Conflict",
                    "job " + jobId + " has already ended: " + cancellation.job().status());
        }
        leases.stopHere(jobId);
        // A presigned upload still awaited stops counting against the tenant's cap and being looked for.
        awaited.withdraw(cancellation.job());
        responses.json(exchange, 200, JobView.of(cancellation.job()));
    }
}
