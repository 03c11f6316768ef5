package io.aegis.orchestrate;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes a JOB_CREATED message: claims the job and puts its identity in the headers, or marks the exchange
 * as a duplicate (job finished, or held by another worker) so the route acknowledges it and stops.
 */
@Component("jobClaimer")
public class JobClaimer implements Processor {

    public static final String CLAIMED = "aegis.claimed";
    private static final Logger log = LoggerFactory.getLogger(JobClaimer.class);

    private final JobLifecycle lifecycle;

    public JobClaimer(JobLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JobMessage message = exchange.getMessage().getMandatoryBody(JobMessage.class);
        // The delivery holds the lease: its validate and metadata steps run under it.
        var claimed = lifecycle.claim(message.jobId(), StepStarter.holder(exchange));
        exchange.setProperty(CLAIMED, claimed.isPresent());
        claimed.ifPresentOrElse(
                job -> JobHeaders.put(exchange, job),
                () -> log.info("job {} not claimable (duplicate, finished or held elsewhere): message dropped",
                        message.jobId()));
    }
}
