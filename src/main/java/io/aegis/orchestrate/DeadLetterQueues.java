package io.aegis.orchestrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.JobError;
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
 * The DLQs of the pipeline's queues, for operators: what is in them (without consuming it) and redrive,
 * which reopens each message's FAILED job and moves the message back to the queue it came from.
 */
@Component
public class DeadLetterQueues {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);
    /** SQS hands out at most 10 messages per receive; a peek shows one receive's worth. */
    private static final int BATCH = 10;
    /** While moved, a message is hidden from other receivers of the DLQ for this long. */
    private static final int MOVE_VISIBILITY_SECONDS = 60;

    private final SqsClient sqs;
    private final ResourceNames.Queues queues;
    private final JobLifecycle lifecycle;
    private final ObjectMapper json;

    public DeadLetterQueues(SqsClient sqs, ResourceNames names, JobLifecycle lifecycle, ObjectMapper json) {
        this.sqs = sqs;
        this.queues = names.queues();
        this.lifecycle = lifecycle;
        this.json = json;
    }

    /** The pipeline queue {@code name} refers to, given either that queue's name or its DLQ's. */
    public Optional<String> sourceQueueOf(String name) {
        return queues.all().stream()
                .filter(queue -> queue.equals(name) || queues.dlqOf(queue).equals(name))
                .findFirst();
    }

    public List<DeadLetterQueue> peekAll() {
        return queues.all().stream().map(this::peek).toList();
    }

    /** Depth and up to 10 messages; visibility timeout 0, so the messages stay where they are for everyone. */
    public DeadLetterQueue peek(String queue) {
        String dlq = queues.dlqOf(queue);
        String url = urlOf(dlq);
        List<DeadLetter> messages = sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(BATCH)
                        .visibilityTimeout(0)
                        .waitTimeSeconds(0)
                        .messageAttributeNames("All"))
                .messages().stream().map(this::toDeadLetter).toList();
        return new DeadLetterQueue(queue, dlq, depthOf(urlOf(queue)), depthOf(url), messages);
    }

    /**
     * Moves the messages of the queue's DLQ back to the queue, reopening each one's job first, and answers how many
     * moved. Takes at most the depth counted at the start, so a message that fails again at once cannot loop.
     */
    public int redrive(String queue) {
        String dlqUrl = urlOf(queues.dlqOf(queue));
        String sourceUrl = urlOf(queue);
        long limit = Math.max(BATCH, depthOf(dlqUrl));
        int moved = 0;
        while (moved < limit) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl)
                    .maxNumberOfMessages(BATCH)
                    .visibilityTimeout(MOVE_VISIBILITY_SECONDS)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                break;
            }
            for (Message message : batch) {
                move(message, dlqUrl, sourceUrl);
                moved++;
            }
        }
        log.info("redrove {} message(s) from {} to {}", moved, queues.dlqOf(queue), queue);
        return moved;
    }

    // Reopen, send, delete: a failure in between leaves the message in the DLQ to redrive again.
    private void move(Message message, String dlqUrl, String sourceUrl) {
        JobMessage body = parse(message.body());
        if (body != null && body.jobId() != null && lifecycle.reopen(body.jobId())) {
            log.info("job {} reopened for redrive", body.jobId());
        }
        sqs.sendMessage(b -> b.queueUrl(sourceUrl).messageBody(message.body()));
        sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(message.receiptHandle()));
    }

    private DeadLetter toDeadLetter(Message message) {
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        JobMessage body = parse(message.body());
        String code = attribute(attributes, DeadLetterAttributes.CODE);
        // Without attributes the message came by SQS's RedrivePolicy: a worker died before it could say why.
        JobError error = code == null ? null : new JobError(code, attribute(attributes, DeadLetterAttributes.MESSAGE));
        return new DeadLetter(
                message.messageId(),
                orElse(attribute(attributes, DeadLetterAttributes.JOB_ID), body == null ? null : body.jobId()),
                orElse(attribute(attributes, DeadLetterAttributes.TENANT), body == null ? null : body.tenant()),
                orElse(attribute(attributes, DeadLetterAttributes.STEP), body == null ? null : body.step()),
                error,
                attribute(attributes, DeadLetterAttributes.FAILED_AT),
                message.body());
    }

    private long depthOf(String url) {
        String depth = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return depth == null ? 0 : Long.parseLong(depth);
    }

    private String urlOf(String queue) {
        return sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    }

    private JobMessage parse(String body) {
        try {
            return json.readValue(body, JobMessage.class);
        } catch (Exception notAJobMessage) {
            return null;
        }
    }

    private static String attribute(Map<String, MessageAttributeValue> attributes, String name) {
        MessageAttributeValue value = attributes.get(name);
        return value == null ? null : value.stringValue();
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    /** One pipeline queue's DLQ: the queue's depth, the DLQ's depth and the messages a peek saw. */
    public record DeadLetterQueue(String queue, String dlq, long queueDepth, long depth, List<DeadLetter> messages) {
    }

    /** A message in a DLQ with the failure its attributes record; {@code error} is null for a crash backstop. */
    public record DeadLetter(String messageId, String jobId, String tenant, String step, JobError error,
                             String failedAt, String body) {
    }
}
