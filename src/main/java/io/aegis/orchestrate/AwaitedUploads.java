package io.aegis.orchestrate;

import io.aegis.state.ErrorCode;
import io.aegis.state.Job;
import io.aegis.state.JobError;
import io.aegis.state.JobStore;
import io.aegis.state.PendingUpload;
import io.aegis.state.PendingUploadStore;
import io.aegis.state.RawObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Jobs whose file is still to come (presigned uploads). Such a job is an ordinary QUEUED job that has not been
 * announced on aegis-jobs; the pending-upload item is the marker that its object is awaited. When the object
 * lands, {@code direct:create-job} announces the job like any upload; if it never does, {@link #expire} fails it.
 */
@Component
public class AwaitedUploads {

    private static final Logger log = LoggerFactory.getLogger(AwaitedUploads.class);

    private final PendingUploadStore pending;
    private final JobStore jobs;
    private final JobLifecycle lifecycle;
    private final RawObjects raw;

    public AwaitedUploads(PendingUploadStore pending, JobStore jobs, JobLifecycle lifecycle, RawObjects raw) {
        this.pending = pending;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.raw = raw;
    }

    /**
     * Records the awaited upload, then its QUEUED job. In this order, a crash in between leaves a pending item
     * without a job, which the expiry sweep removes; never a job that nothing will ever end.
     */
    public Job open(PendingUpload upload) {
        pending.create(upload);
        Job job = Job.queued(upload.jobId(), upload.tenant(), upload.assetId(), upload.filename(),
                upload.declaredBytes(), upload.rawKey(), false, JobCreator.FIRST_STEPS, upload.createdAt());
        jobs.create(job);
        return job;
    }

    /** The job was cancelled: its upload is no longer awaited (a file that still lands is left alone). */
    public void withdraw(Job cancelled) {
        if (cancelled.rawKey() != null) {
            pending.remove(cancelled.rawKey());
        }
    }

    /** The object never came: the job (if it has not ended otherwise, e.g. cancelled) fails UPLOAD_EXPIRED. */
    public void expire(PendingUpload upload) {
        JobError reason = JobError.of(ErrorCode.UPLOAD_EXPIRED, "no file arrived at the presigned upload URL before it "
                + "expired at " + upload.urlExpiresAt() + "; request a new upload URL");
        lifecycle.fail(upload.jobId(), null, reason);
        if (upload.multipart()) {
            // The parts S3 holds would otherwise be kept (and billed) until a lifecycle rule aborts them.
            raw.abortMultipart(upload.rawKey(), upload.uploadId());
        }
        pending.remove(upload.rawKey());
        log.info("presigned upload for job {} of tenant {} expired unused", upload.jobId(), upload.tenant());
    }
}
