package io.aegis.api;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.JobStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** GET /v1/jobs/{jobId}: another tenant's job is answered exactly like a missing one. */
@Component("jobReader")
public class JobReader implements Processor {

    private final JobStore jobs;
    private final ApiResponses responses;

    public JobReader(JobStore jobs, ApiResponses responses) {
        this.jobs = jobs;
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String jobId = exchange.getMessage().getHeader("jobId", String.class);
        var job = jobs.find(jobId).filter(j -> j.tenant().equals(tenant))
                .orElseThrow(() -> ApiProblem.notFound("job", jobId));
        responses.json(exchange, 200, JobView.of(job));
    }
}
