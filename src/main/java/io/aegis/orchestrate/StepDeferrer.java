package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A message that cannot run yet goes back to its queue as a new message (waiting never counts towards the
 * DLQ), delayed until {@link StepStarter#BUSY_UNTIL}: a step running elsewhere, or a job held, under another
 * delivery's lease until it would lapse; a job over its tenant's limit of running jobs until a slot may be
 * free. It is not dropped: if the other worker dies this copy takes over; if it finishes, this copy finds the
 * step done and only advances the plan.
 */
@Component("stepDeferrer")
public class StepDeferrer implements org.apache.camel.Processor {

    /** Camel's aws2-sqs producer reads the per-message delay from this header. */
    static final String SQS_DELAY_SECONDS = "CamelAwsSqsDelaySeconds";
    /** Exchange property: the body to send again, when it is not the message as consumed (a waiting job's copy). */
    public static final String RESEND_BODY = "aegis.resendBody";
    // SQS allows at most 15 minutes of delay; a longer lease is simply checked again then.
    private static final long MAX_DELAY_SECONDS = 900;
    private static final Logger log = LoggerFactory.getLogger(StepDeferrer.class);

    @Override
    public void process(Exchange exchange) {
        Instant busyUntil = exchange.getProperty(StepStarter.BUSY_UNTIL, Instant.class);
        long delay = busyUntil == null ? 1
                : Math.min(MAX_DELAY_SECONDS, Math.max(1, Duration.between(Instant.now(), busyUntil).toSeconds() + 1));
        Message message = exchange.getMessage();
        log.info("job {} {} cannot run yet: message back on {} in {} s",
                message.getHeader(AegisHeaders.JOB_ID),
                message.getHeader(AegisHeaders.STEP) == null ? "" : "step " + message.getHeader(AegisHeaders.STEP),
                exchange.getProperty(DeadLetterHandOff.SOURCE_QUEUE), delay);
        String body = exchange.getProperty(RESEND_BODY, String.class);
        message.setBody(body != null ? body : exchange.getProperty(DeadLetterHandOff.ORIGINAL_BODY, String.class));
        message.setHeader(SQS_DELAY_SECONDS, (int) delay);
        message.setHeader(AegisHeaders.NEXT_QUEUE, exchange.getProperty(DeadLetterHandOff.SOURCE_QUEUE, String.class));
    }
}
