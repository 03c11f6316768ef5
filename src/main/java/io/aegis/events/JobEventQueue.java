package io.aegis.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.Roles;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An api process's own window on the job events topic: at start a queue of its own (only the topic may send to it,
 * messages expire after {@code retention}) subscribed to the topic; every event read is republished in-process as a
 * {@link JobEvent} for the live streams ({@code JobEventStream}); at stop the subscription and the queue are removed.
 * Each instance gets every event (fan-out), unlike the work queues, where one consumer takes each message.
 */
@Component
@ConditionalOnExpression("!'${aegis.job-events.topic-arn:}'.isBlank()")
public class JobEventQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobEventQueue.class);
    private static final int WAIT_SECONDS = 10;

    private final SqsClient sqs;
    private final SnsClient sns;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final JobEventsProperties settings;
    private final boolean api;
    private volatile boolean running;
    private String queueUrl;
    private String subscriptionArn;
    private Thread poller;

    public JobEventQueue(SqsClient sqs, SnsClient sns, ObjectMapper json, ApplicationEventPublisher events,
                         JobEventsProperties settings, Roles roles) {
        this.sqs = sqs;
        this.sns = sns;
        this.json = json;
        this.events = events;
        this.settings = settings;
        this.api = roles.has(Roles.API);
    }

    @Override
    public void start() {
        if (!api) {
            return; // workers only publish
        }
        String name = settings.queuePrefix() + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String[] topic = settings.topicArn().split(":"); // arn:partition:sns:region:account:name
        String arn = String.join(":", "arn", topic[1], "sqs", topic[3], topic[4], name);
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},\
                "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
                .formatted(arn, settings.topicArn());
        queueUrl = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.POLICY, policy,
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(Math.max(60, settings.retention().toSeconds())))))
                .queueUrl();
        // Raw delivery: the queue holds the published JSON itself, not SNS's envelope around it.
        subscriptionArn = sns.subscribe(b -> b.topicArn(settings.topicArn()).protocol("sqs").endpoint(arn)
                .attributes(Map.of("RawMessageDelivery", "true")).returnSubscriptionArn(true)).subscriptionArn();
        running = true;
        poller = new Thread(this::poll, "job-events-queue");
        poller.setDaemon(true);
        poller.start();
        log.info("Job events from {} arrive on {}", settings.topicArn(), name);
    }

    private void poll() {
        while (running) {
            try {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(WAIT_SECONDS)
                        .maxNumberOfMessages(10)).messages()) {
                    deliver(message);
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("reading job events from {} failed: {}", queueUrl, e.toString());
                    sleep();
                }
            }
        }
    }

    private void deliver(Message message) {
        try {
            events.publishEvent(json.readValue(message.body(), JobEvent.class));
        } catch (Exception unreadable) {
            log.warn("job event dropped, unreadable: {}", unreadable.toString());
        }
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        poller.interrupt();
        try {
            sns.unsubscribe(b -> b.subscriptionArn(subscriptionArn));
            sqs.deleteQueue(b -> b.queueUrl(queueUrl));
            log.info("Job event queue {} removed", queueUrl);
        } catch (RuntimeException e) {
            log.warn("could not remove job event queue {} (it expires its messages after {}): {}", queueUrl,
                    settings.retention(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
