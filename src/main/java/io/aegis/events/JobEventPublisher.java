package io.aegis.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.api.JobView;
import io.aegis.state.JobChanged;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes every job change this process writes to the job events topic, for the api processes' live streams.
 * Off a pipeline thread: one sender with a bounded backlog, so a slow or unreachable SNS delays no step; an event
 * that cannot be sent is dropped with a warning (the console reloads the job when its stream reconnects).
 */
@Component
@ConditionalOnExpression("!'${aegis.job-events.topic-arn:}'.isBlank()")
public class JobEventPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobEventPublisher.class);

    private final SnsClient sns;
    private final ObjectMapper json;
    private final String topicArn;
    private final ThreadPoolExecutor sender;

    public JobEventPublisher(SnsClient sns, ObjectMapper json, JobEventsProperties events) {
        this.sns = sns;
        this.json = json;
        this.topicArn = events.topicArn();
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(events.maxPending()),
                runnable -> {
                    Thread thread = new Thread(runnable, "job-events-publisher");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardOldestPolicy());
    }

    @EventListener
    public void onJobChanged(JobChanged changed) {
        var job = changed.job();
        JobEvent event = new JobEvent(job.tenant(), job.jobId(), json.valueToTree(JobView.of(job)));
        sender.execute(() -> publish(event));
    }

    private void publish(JobEvent event) {
        try {
            String message = json.writeValueAsString(event);
            sns.publish(b -> b.topicArn(topicArn).message(message));
        } catch (Exception e) {
            log.warn("job {}: change not published to {}: {}", event.jobId(), topicArn, e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        // Changes already written get a moment to leave (a worker's last step) before the client closes.
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }
}
