package io.aegis.api;

import io.aegis.orchestrate.AwaitedUploads;
import io.aegis.orchestrate.JobLifecycle;
import io.aegis.orchestrate.MultipartUploadProperties;
import io.aegis.orchestrate.PresignedUploadProperties;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.Job;
import io.aegis.state.JobStore;
import io.aegis.state.PendingUpload;
import io.aegis.state.PendingUploadStore;
import io.aegis.state.RawObjects;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Resumable uploads: S3 multipart with a presigned PUT per part. {@code POST /v1/uploads} over the threshold starts
 * one ({@link #start}); {@code GET /v1/uploads/{jobId}} answers which parts S3 holds and signs the others anew, so a
 * client that lost its connection (or its page) resumes where it was; {@code POST .../complete} checks every part
 * against the declared size and has S3 assemble them, and the job starts like any landed upload;
 * {@code DELETE /v1/uploads/{jobId}} discards the parts and cancels the job. S3 is asked which parts it holds
 * (ListParts), so the client never needs the parts' ETags (which a browser cannot read without CORS exposing them).
 */
@Component("multipartUploadCalls")
public class MultipartUploadCalls {

    private final S3Client s3;
    private final UploadUrlSigner signer;
    private final AwaitedUploads awaited;
    private final PendingUploadStore pending;
    private final JobStore jobs;
    private final JobLifecycle lifecycle;
    private final RawObjects raw;
    private final PresignedUploadProperties presign;
    private final MultipartUploadProperties multipart;
    private final ApiResponses responses;
    private final String bucket;
    private final Clock clock = Clock.systemUTC();

    public MultipartUploadCalls(S3Client s3, UploadUrlSigner signer, AwaitedUploads awaited, PendingUploadStore pending,
                                JobStore jobs, JobLifecycle lifecycle, RawObjects raw, PresignedUploadProperties presign,
                                MultipartUploadProperties multipart, ApiResponses responses, ResourceNames names) {
        this.s3 = s3;
        this.signer = signer;
        this.awaited = awaited;
        this.pending = pending;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.raw = raw;
        this.presign = presign;
        this.multipart = multipart;
        this.responses = responses;
        this.bucket = names.buckets().raw();
    }

    /** 201 with the part URLs of a new multipart upload (the job awaits it like any presigned upload). */
    void start(Exchange exchange, String key, String jobId, String tenant, String assetId, String filename, long size,
               String contentType) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        Instant now = clock.instant();
        PendingUpload upload = new PendingUpload(key, jobId, tenant, assetId, filename, size, contentType, now,
                now.plus(multipart.expiry()), uploadId, multipart.partSizeFor(size));
        awaited.open(upload);
        exchange.getMessage().setHeader("Location", "/v1/jobs/" + jobId);
        responses.json(exchange, 201, view(upload, Map.of()));
    }

    public void status(Exchange exchange) {
        PendingUpload upload = awaitedUpload(exchange);
        responses.json(exchange, 200, view(upload, partsHeld(upload)));
    }

    /**
     * Checks the parts and completes the upload, then sets the S3 key header for {@code direct:upload-landed} and the
     * job headers for the 202. A repeated call after success (its answer lost) finds the job started and answers 202.
     */
    public void complete(Exchange exchange) {
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        Job job = job(exchange, tenant);
        exchange.getMessage().setHeader(AegisHeaders.JOB_ID, job.jobId());
        exchange.getMessage().setHeader(AegisHeaders.ASSET_ID, job.assetId());
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, job.rawKey());
        PendingUpload upload = pending.find(job.rawKey()).orElse(null);
        if (upload == null) {
            if (raw.sizeIfPresent(job.rawKey()).isPresent()) {
                return; // completed before: upload-landed finds nothing awaited, the answer is the job again
            }
            throw new ApiProblem(409, "Conflict", "upload of job " + job.jobId() + " is no longer open: " + job.status());
        }
        if (!upload.multipart()) {
            throw new ApiProblem(409, "Conflict", "job " + job.jobId() + " awaits a single PUT, not a multipart upload");
        }
        Map<Integer, Part> held;
        try {
            held = partsHeld(upload);
        } catch (NoSuchUploadException completed) {
            if (raw.sizeIfPresent(upload.rawKey()).isPresent()) {
                return; // completed by an earlier call that died before the job was announced
            }
            throw new ApiProblem(409, "Conflict", "the multipart upload of job " + job.jobId() + " no longer exists");
        }
        List<Integer> missing = new ArrayList<>();
        List<CompletedPart> parts = new ArrayList<>();
        for (int number = 1; number <= upload.partCount(); number++) {
            Part part = held.get(number);
            if (part == null || part.size() != upload.partBytes(number)) {
                missing.add(number);
            } else {
                parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).build());
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiProblem(409, "Conflict", "parts " + missing + " are missing or not of their size; "
                    + "GET /v1/uploads/" + job.jobId() + " gives their URLs");
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(upload.rawKey()).uploadId(upload.uploadId())
                .multipartUpload(m -> m.parts(parts)));
    }

    public void abort(Exchange exchange) {
        PendingUpload upload = awaitedUpload(exchange);
        raw.abortMultipart(upload.rawKey(), upload.uploadId());
        lifecycle.cancel(upload.jobId(), upload.tenant());
        pending.remove(upload.rawKey());
        responses.noContent(exchange);
    }

    private PendingUpload awaitedUpload(Exchange exchange) {
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        Job job = job(exchange, tenant);
        return pending.find(job.rawKey()).filter(PendingUpload::multipart)
                .orElseThrow(() -> ApiProblem.notFound("multipart upload", job.jobId()));
    }

    private Job job(Exchange exchange, String tenant) {
        String jobId = exchange.getMessage().getHeader("jobId", String.class);
        return jobs.find(jobId).filter(j -> j.tenant().equals(tenant))
                .orElseThrow(() -> ApiProblem.notFound("job", jobId));
    }

    private Map<Integer, Part> partsHeld(PendingUpload upload) {
        Map<Integer, Part> held = new TreeMap<>();
        for (Part part : s3.listPartsPaginator(b -> b.bucket(bucket).key(upload.rawKey()).uploadId(upload.uploadId()))
                .parts()) {
            held.put(part.partNumber(), part);
        }
        return held;
    }

    private MultipartUploadIssued view(PendingUpload upload, Map<Integer, Part> held) {
        List<MultipartUploadIssued.PartUrl> parts = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        Instant urlsExpire = null;
        for (int number = 1; number <= upload.partCount(); number++) {
            long bytes = upload.partBytes(number);
            Part part = held.get(number);
            if (part != null && part.size() == bytes) {
                done.add(number);
                continue;
            }
            var signed = signer.signPart(upload.rawKey(), upload.uploadId(), number, bytes, presign.expiry());
            urlsExpire = signed.expiresAt();
            parts.add(new MultipartUploadIssued.PartUrl(number, (long) (number - 1) * upload.partSize(), bytes,
                    signed.url()));
        }
        String job = "/v1/jobs/" + upload.jobId();
        String self = "/v1/uploads/" + upload.jobId();
        return new MultipartUploadIssued(upload.jobId(), upload.assetId(), "MULTIPART", upload.declaredBytes(),
                upload.partSize(), upload.partCount(), done, parts, urlsExpire, upload.urlExpiresAt(),
                new MultipartUploadIssued.Links(job, "/v1/assets/" + upload.assetId(), self, self + "/complete", self));
    }
}
