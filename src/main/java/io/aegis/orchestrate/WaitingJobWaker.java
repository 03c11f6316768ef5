package io.aegis.orchestrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wakes a job that waited for one of its tenant's running slots: a fresh JOB_CREATED, undelayed, on the queue it
 * came from (aegis-jobs, or aegis-jobs-priority for a priority job), sent by whichever process gave a slot back, so
 * the slot is taken again as soon as any orchestrator receives it. Counted as {@code aegis_tenant_jobs_woken_total}.
 */
@Component
public class WaitingJobWaker {

    private final SqsClient sqs;
    private final ResourceNames names;
    private final ObjectMapper json;
    private final Counter woken;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public WaitingJobWaker(SqsClient sqs, ResourceNames names, ObjectMapper json, MeterRegistry registry) {
        this.sqs = sqs;
        this.names = names;
        this.json = json;
        this.woken = Counter.builder("aegis_tenant_jobs_woken")
                .description("Jobs woken because a running slot of their tenant was given back").register(registry);
    }

    public void wake(Job job) {
        String queue = job.priority() ? names.queues().jobsPriority() : names.queues().jobs();
        String url = urls.computeIfAbsent(queue, name -> sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
        String body;
        try {
            body = json.writeValueAsString(JobMessage.jobCreated(job.jobId(), job.tenant(), job.assetId()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        woken.increment();
    }
}
