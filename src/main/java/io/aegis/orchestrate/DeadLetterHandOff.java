package io.aegis.orchestrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.JobError;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Once a transient failure has used up its retries: puts the message back to what the queue delivered,
 * with the failure reason as {@code aegis-dlq-*} headers, and names the consumer queue's DLQ to send it to.
 */
@Component("deadLetterHandOff")
public class DeadLetterHandOff implements Processor {

    /** Exchange property: the message body exactly as consumed from SQS. */
    public static final String ORIGINAL_BODY = "aegis.originalBody";
    /** Exchange property: the queue the message was consumed from. */
    public static final String SOURCE_QUEUE = "aegis.sourceQueue";
    /** Exchange property: the DLQ the message goes to; the job's error names it. */
    public static final String DEAD_LETTER_QUEUE = "aegis.deadLetterQueue";

    private final ResourceNames names;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public DeadLetterHandOff(ResourceNames names, ObjectMapper json) {
        this.names = names;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        String original = exchange.getProperty(ORIGINAL_BODY, String.class);
        String source = exchange.getProperty(SOURCE_QUEUE, String.class);
        Message message = exchange.getMessage();
        JobMessage consumed = parse(original);
        String jobId = firstNonBlank(message.getHeader(AegisHeaders.JOB_ID, String.class), consumed == null ? null : consumed.jobId());
        String tenant = firstNonBlank(message.getHeader(AegisHeaders.TENANT, String.class), consumed == null ? null : consumed.tenant());
        String step = firstNonBlank(message.getHeader(AegisHeaders.STEP, String.class), consumed == null ? null : consumed.step());
        JobError error = JobFailer.toError(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));

        // The job failer reads the job from the header; the body is the raw message again from here on.
        message.setHeader(AegisHeaders.JOB_ID, jobId);
        message.setBody(original);
        put(message, DeadLetterAttributes.CODE, error.code());
        // Operators read dead letters: the exception's own text, which the job's error leaves out.
        put(message, DeadLetterAttributes.MESSAGE, truncate(JobFailer.detail(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))));
        put(message, DeadLetterAttributes.STEP, step);
        put(message, DeadLetterAttributes.JOB_ID, jobId);
        put(message, DeadLetterAttributes.TENANT, tenant);
        put(message, DeadLetterAttributes.FAILED_AT, clock.instant().toString());
        put(message, DeadLetterAttributes.SOURCE_QUEUE, source);
        put(message, DeadLetterAttributes.RETRIES, message.getHeader(Exchange.REDELIVERY_COUNTER, String.class));
        exchange.setProperty(DEAD_LETTER_QUEUE, names.queues().dlqOf(source));
    }

    private JobMessage parse(String body) {
        try {
            return body == null ? null : json.readValue(body, JobMessage.class);
        } catch (Exception notAJobMessage) {
            // Still a dead letter: an operator can read it in the DLQ.
            return null;
        }
    }

    // SQS refuses empty attribute values: a reason that is unknown is left out.
    private static void put(Message message, String attribute, String value) {
        if (value != null && !value.isBlank()) {
            message.setHeader(attribute, value);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= DeadLetterAttributes.MAX_MESSAGE_CHARS
                ? text : text.substring(0, DeadLetterAttributes.MAX_MESSAGE_CHARS - 1) + "…";
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
