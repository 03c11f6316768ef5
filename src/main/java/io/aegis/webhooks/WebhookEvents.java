package io.aegis.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.Job;
import io.aegis.state.JobChanged;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Turns what happened into webhook events on {@code aegis-webhooks}: a job that reached SUCCEEDED, FAILED or
 * CANCELLED (seen as the {@link JobChanged} of the write that ended it, in the process that wrote it) and a deleted
 * asset. The payload is Standard Webhooks' {@code {"type", "timestamp", "data"}}; the event id is derived from the
 * job and its end, so a job that fails again after a redrive is a new event, a repeated one is not.
 */
@Component
public class WebhookEvents {

    private static final Logger log = LoggerFactory.getLogger(WebhookEvents.class);

    private final SqsClient sqs;
    private final ObjectMapper json;
    private final String queue;
    private final Clock clock = Clock.systemUTC();
    private volatile String queueUrl;

    public WebhookEvents(SqsClient sqs, ObjectMapper json, ResourceNames names) {
        this.sqs = sqs;
        this.json = json;
        this.queue = names.queues().webhooks();
    }

    @Order(1)
    @EventListener
    public void jobChanged(JobChanged changed) {
        Job job = changed.job();
        String type = WebhookEventType.ofJob(job.status());
        if (type == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", job.jobId());
        data.put("assetId", job.assetId());
        data.put("status", job.status().name());
        data.put("filename", job.filename());
        data.put("mediaType", job.mediaType());
        data.put("mimeType", job.mimeType());
        data.put("error", job.error());
        data.put("createdAt", job.createdAt());
        data.put("updatedAt", job.updatedAt());
        String eventId = eventId(job.jobId() + "|" + job.status() + "|" + job.updatedAt());
        publish(eventId, type, job.tenant(), job.updatedAt() == null ? clock.instant() : job.updatedAt(), data);
    }

    /** An asset and everything made from it are gone. */
    public void assetDeleted(String tenant, String assetId, String filename, String reason, Instant deletedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assetId", assetId);
        data.put("filename", filename);
        data.put("reason", reason);
        data.put("deletedAt", deletedAt);
        publish(eventId("deleted|" + assetId), WebhookEventType.ASSET_DELETED, tenant, deletedAt, data);
    }

    // After the state write it reports: a failure here never undoes that write, it is logged for the operator.
    private void publish(String eventId, String type, String tenant, Instant at, Map<String, Object> data) {
        try {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", type);
            payload.put("timestamp", at);
            payload.put("data", data);
            String body = json.writeValueAsString(WebhookMessage.event(eventId, type, tenant, at,
                    json.writeValueAsString(payload)));
            sqs.sendMessage(b -> b.queueUrl(url()).messageBody(body));
        } catch (JsonProcessingException | RuntimeException e) {
            log.error("webhook event {} {} of tenant {} could not be queued: {}", type, eventId, tenant, e.toString());
        }
    }

    private String url() {
        String url = queueUrl;
        if (url == null) {
            url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
            queueUrl = url;
        }
        return url;
    }

    static String eventId(String seed) {
        return "evt_" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
