package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.Job;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Copies a job's identity and what is known of its content into the exchange headers steps read. */
final class JobHeaders {

    /**
     * Exchange property: the job as the step or plan just written left it, read once by {@link PlanAdvancer} instead
     * of reading the job again (and removed there, so it never outlives the write it came from).
     */
    static final String WRITTEN = "aegis.jobWritten";

    private JobHeaders() {
    }

    static void put(Exchange exchange, Job job) {
        Message message = exchange.getMessage();
        message.setHeader(AegisHeaders.JOB_ID, job.jobId());
        message.setHeader(AegisHeaders.TENANT, job.tenant());
        message.setHeader(AegisHeaders.ASSET_ID, job.assetId());
        message.setHeader(AegisHeaders.RAW_KEY, job.rawKey());
        message.setHeader(AegisHeaders.SIZE_BYTES, job.sizeBytes());
        if (job.mediaType() != null) {
            message.setHeader(AegisHeaders.MEDIA_TYPE, job.mediaType());
            message.setHeader(AegisHeaders.MIME_TYPE, job.mimeType());
        }
    }
}
