package io.aegis.api;

import io.aegis.orchestrate.JobLifecycle;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.JobError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * S3, SQS or DynamoDB unreachable during a call: 503 with Retry-After, so clients and load balancers back off
 * and try again. An upload whose job was recorded but could not be queued ends that job FAILED with the
 * reason, so no job waits QUEUED forever for a message that was never sent; the client uploads again.
 */
@Component("outageResponder")
public class OutageResponder implements Processor {

    static final int RETRY_AFTER_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(OutageResponder.class);

    private final JobLifecycle lifecycle;
    private final ApiResponses responses;

    public OutageResponder(JobLifecycle lifecycle, ApiResponses responses) {
        this.lifecycle = lifecycle;
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable outage = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        log.warn("{} answered 503: an AWS service is unreachable: {}", exchange.getFromRouteId(), String.valueOf(outage));
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        if (jobId != null) {
            try {
                lifecycle.fail(jobId, null, JobError.of(ErrorCode.INTERNAL,
                        "the upload could not be queued because a storage or queue service was unreachable; upload it again"));
            } catch (RuntimeException stillDown) {
                // DynamoDB itself is down: the job was never recorded, so nothing waits for it.
                log.debug("job {} could not be marked failed", jobId, stillDown);
            }
        }
        responses.problem(exchange, new ApiProblem(503, "Service unavailable",
                "a storage or queue service is unreachable right now; try again shortly")
                .retryAfterSeconds(RETRY_AFTER_SECONDS));
    }
}
