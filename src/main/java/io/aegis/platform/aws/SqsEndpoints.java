package io.aegis.platform.aws;

import org.springframework.stereotype.Component;

/** Camel endpoint URIs for the queues, with the consumer settings every worker shares. */
@Component
public class SqsEndpoints {

    private final ResourceNames.Queues queues;
    /** {@code &queueOwnerAWSAccountId=…}, or nothing when the account is not configured. */
    private final String owner;

    public SqsEndpoints(ResourceNames names, AwsProperties aws) {
        this.queues = names.queues();
        // Without it Camel finds each queue's URL with ListQueues at start-up; with it, with GetQueueUrl on that
        // queue alone, which the role's policy grants.
        this.owner = aws.hasAccountId() ? "&queueOwnerAWSAccountId=" + aws.accountId().trim() : "";
    }

    /**
     * A consumer that long-polls, keeps a message invisible while it is being worked on (extending the
     * timeout for long steps) and deletes it only when the exchange completes.
     */
    public String consumer(String queue, int concurrentConsumers) {
        return "aws2-sqs://" + queue
                + "?autoCreateQueue=false"
                + "&waitTimeSeconds=" + queues.waitTimeSeconds()
                + "&visibilityTimeout=" + queues.visibilityTimeoutSeconds()
                + "&extendMessageVisibility=true"
                + "&concurrentConsumers=" + concurrentConsumers
                // One message per consumer thread: Camel extends the visibility of the message being worked on
                // only, so a second message fetched in the same poll expired while it waited and ran twice.
                + "&maxMessagesPerPoll=1"
                // After a poll that got a message, poll again at once instead of after the scheduler's delay (500 ms):
                // otherwise each consumer thread takes at most about two messages a second, however short the step.
                + "&greedy=true"
                + "&deleteAfterRead=true"
                // SQS unreachable: after 3 failed polls in a row, poll 5 times less often until one succeeds.
                + "&backoffErrorThreshold=3&backoffMultiplier=5"
                + "&messageAttributeNames=All"
                + owner;
    }

    /**
     * A producer (for {@code toD}) to the queue named by {@code header}, sending the body alone: exchange
     * headers, HTTP ones included, never become message attributes.
     */
    public String producerFromHeader(String header) {
        return "aws2-sqs://${header[" + header + "]}" + PRODUCER_OPTIONS + owner;
    }

    /**
     * A producer (for {@code toD}) to the dead letter queue named by an exchange property: the body plus the
     * {@code aegis-dlq-*} headers as message attributes, nothing else.
     */
    public String deadLetterProducerFromProperty(String property) {
        return "aws2-sqs://${exchangeProperty[" + property + "]}"
                + "?autoCreateQueue=false&headerFilterStrategy=#" + DeadLetterHeaderFilter.BEAN + owner;
    }

    private static final String PRODUCER_OPTIONS = "?autoCreateQueue=false&headerFilterStrategy=#" + SqsHeaderFilter.BEAN;
}
