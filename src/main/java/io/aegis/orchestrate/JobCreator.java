package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import io.aegis.state.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Records a new job (QUEUED) and its asset for an object already in the raw bucket, and prepares the
 * JOB_CREATED message. Safe to repeat with the same ids: an existing job is not recreated, and is
 * announced again only while still QUEUED (the earlier attempt may have died before sending).
 */
@Component("jobCreator")
public class JobCreator implements Processor {

    static final List<String> FIRST_STEPS = List.of("validate", "metadata");

    private final JobStore jobs;
    private final AssetStore assets;
    private final ResourceNames names;
    private final JobMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public JobCreator(JobStore jobs, AssetStore assets, ResourceNames names, JobMetrics metrics) {
        this.jobs = jobs;
        this.assets = assets;
        this.names = names;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String jobId = in.getHeader(AegisHeaders.JOB_ID, String.class);
        String assetId = in.getHeader(AegisHeaders.ASSET_ID, String.class);
        String tenant = in.getHeader(AegisHeaders.TENANT, String.class);
        String rawKey = in.getHeader(AegisHeaders.RAW_KEY, String.class);
        String filename = in.getHeader(AegisHeaders.FILENAME, String.class);
        long size = in.getHeader(AegisHeaders.SIZE_BYTES, 0L, Long.class);
        boolean priority = "high".equalsIgnoreCase(in.getHeader(AegisHeaders.PRIORITY, String.class));
        Instant now = clock.instant();

        assets.create(Asset.created(assetId, jobId, tenant, filename, size, rawKey, now));
        Job queued = Job.queued(jobId, tenant, assetId, filename, size, rawKey, priority, FIRST_STEPS, now);
        boolean created = jobs.create(queued);
        if (created) {
            metrics.jobReached(queued);
        }
        boolean announce = created || jobs.find(jobId).map(j -> j.status() == JobStatus.QUEUED).orElse(false);

        in.removeHeader(AegisHeaders.NEXT_QUEUE);
        if (announce) {
            in.setHeader(AegisHeaders.NEXT_QUEUE, priority ? names.queues().jobsPriority() : names.queues().jobs());
            in.setBody(JobMessage.jobCreated(jobId, tenant, assetId));
        }
    }
}
