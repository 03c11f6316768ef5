package io.aegis.orchestrate;

import io.aegis.state.Job;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Takes a JOB_CREATED message: claims the job and puts its identity in the headers, or marks the exchange
 * as not claimed so the route acknowledges it and stops. A job held under another worker's live lease is
 * not dropped: that worker may have died (its message came back), so the message is sent again to arrive
 * when the lease ends, and whoever finds the job then resumes it.
 */
@Component("jobClaimer")
public class JobClaimer implements Processor {

    public static final String CLAIMED = "aegis.claimed";
    private static final Logger log = LoggerFactory.getLogger(JobClaimer.class);
    // SQS's longest message delay.
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final JobLifecycle lifecycle;
    private final SqsClient sqs;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    public JobClaimer(JobLifecycle lifecycle, SqsClient sqs) {
        this.lifecycle = lifecycle;
        this.sqs = sqs;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JobMessage message = exchange.getMessage().getMandatoryBody(JobMessage.class);
        var claimed = lifecycle.claim(message.jobId());
        exchange.setProperty(CLAIMED, claimed.isPresent());
        if (claimed.isPresent()) {
            JobHeaders.put(exchange, claimed.get());
            return;
        }
        Job job = lifecycle.find(message.jobId()).orElse(null);
        if (job == null || job.status().isTerminal() || job.leaseUntil() == null) {
            log.info("job {} not claimable (missing or finished): message dropped", message.jobId());
            return;
        }
        Duration untilLeaseEnds = Duration.between(clock.instant(), job.leaseUntil()).plusSeconds(1);
        long delay = Math.max(1, Math.min(MAX_DELAY.toSeconds(), untilLeaseEnds.toSeconds()));
        String queue = exchange.getProperty(DeadLetterHandOff.SOURCE_QUEUE, String.class);
        String url = queueUrls.computeIfAbsent(queue, q -> sqs.getQueueUrl(b -> b.queueName(q)).queueUrl());
        sqs.sendMessage(b -> b.queueUrl(url).delaySeconds((int) delay)
                .messageBody(exchange.getProperty(DeadLetterHandOff.ORIGINAL_BODY, String.class)));
        log.info("job {} held by another worker's lease until {}: message back on {} in {} s",
                message.jobId(), job.leaseUntil(), queue, delay);
    }
}
