package io.aegis.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.orchestrate.AwaitedUploads;
import io.aegis.orchestrate.MultipartUploadProperties;
import io.aegis.orchestrate.PipelineProperties;
import io.aegis.orchestrate.PresignedUploadProperties;
import io.aegis.orchestrate.SafeFileName;
import io.aegis.orchestrate.TenantJobLimitProperties;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.PendingUpload;
import io.aegis.state.PendingUploadStore;
import io.aegis.state.RawObjects;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * POST /v1/uploads: checks what the client declares (name, type, size within the upload limit), records the
 * job as awaiting its file and answers 201 with a presigned PUT to a server-made key under the caller's tenant.
 * The declared type is only what S3 will insist on; the validate step still finds the real type from the bytes.
 */
@Component("presignedUploadIssuer")
public class PresignedUploadIssuer implements Processor {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    static final int MAX_BODY_CHARS = 4096;
    // type/subtype of RFC 6838 restricted-name characters; no parameters, nothing a header could be split on.
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

    static final int CAP_RETRY_AFTER_SECONDS = 60;

    private final ObjectMapper json;
    private final UploadUrlSigner signer;
    private final AwaitedUploads awaited;
    private final PendingUploadStore pending;
    private final TenantJobLimitProperties quotas;
    private final PresignedUploadProperties presign;
    private final long maxBytes;
    private final ApiResponses responses;
    private final MultipartUploadProperties multipart;
    private final MultipartUploadCalls multipartUploads;
    private final Clock clock = Clock.systemUTC();

    public PresignedUploadIssuer(ObjectMapper json, UploadUrlSigner signer, AwaitedUploads awaited,
                                 PendingUploadStore pending, TenantJobLimitProperties quotas,
                                 PresignedUploadProperties presign, PipelineProperties pipeline,
                                 ApiResponses responses, MultipartUploadProperties multipart,
                                 MultipartUploadCalls multipartUploads) {
        this.multipart = multipart;
        this.multipartUploads = multipartUploads;
        this.json = json;
        this.signer = signer;
        this.awaited = awaited;
        this.pending = pending;
        this.quotas = quotas;
        this.presign = presign;
        this.maxBytes = pipeline.limits().maxBytes().toBytes();
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        UploadRequest request = read(exchange.getMessage().getBody(String.class));
        String filename = requireFilename(request.filename());
        String contentType = contentType(request.contentType());
        long size = requireSize(request.sizeBytes());

        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        requireRoomForAnother(tenant);
        String jobId = UUID.randomUUID().toString();
        String assetId = UUID.randomUUID().toString();
        String key = RawObjects.originalKey(tenant, assetId, filename);
        if (size > multipart.threshold().toBytes()) {
            multipartUploads.start(exchange, key, jobId, tenant, assetId, filename, size, contentType);
            return;
        }
        var signed = signer.sign(key, contentType, size, presign.expiry());
        awaited.open(new PendingUpload(key, jobId, tenant, assetId, filename, size, contentType, clock.instant(),
                signed.expiresAt()));

        var links = JobView.Links.of(jobId, assetId);
        responses.json(exchange, 201, new UploadUrlIssued(jobId, assetId, signed.url(), signed.expiresAt(), "PUT",
                signed.headers(), size, links));
        exchange.getMessage().setHeader("Location", links.job());
    }

    // A tenant's pending uploads are capped: each is looked at on every walk of the pending-upload check.
    private void requireRoomForAnother(String tenant) {
        int cap = quotas.maxPendingUploadsOf(tenant);
        if (cap > 0 && pending.countForTenant(tenant, cap) >= cap) {
            throw new ApiProblem(429, "Too Many Requests", "this tenant already has " + cap + " presigned uploads "
                    + "awaiting their file, its limit; send those files, or wait until their URLs expire")
                    .retryAfterSeconds(CAP_RETRY_AFTER_SECONDS);
        }
    }

    private UploadRequest read(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("send a JSON body {\"filename\",\"contentType\",\"sizeBytes\"}");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new ApiProblem(413, "Payload too large", "the request body is over " + MAX_BODY_CHARS + " characters");
        }
        try {
            UploadRequest request = json.readValue(body, UploadRequest.class);
            if (request == null) {
                throw ApiProblem.badRequest("the body must be a JSON object");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not the expected JSON object: " + e.getOriginalMessage());
        }
    }

    private static String requireFilename(String filename) {
        if (filename == null || filename.isBlank()) {
            throw ApiProblem.badRequest("filename is required");
        }
        // Kept only as metadata and as the key's last segment, made safe; the key itself is ours.
        return SafeFileName.of(filename);
    }

    private static String contentType(String declared) {
        if (declared == null || declared.isBlank()) {
            return DEFAULT_CONTENT_TYPE;
        }
        if (!MEDIA_TYPE.matcher(declared).matches()) {
            throw ApiProblem.badRequest("contentType must be a media type such as image/jpeg, without parameters");
        }
        return declared;
    }

    private long requireSize(Long sizeBytes) {
        if (sizeBytes == null || sizeBytes < 1) {
            throw ApiProblem.badRequest("sizeBytes is required: the exact size of the file, at least 1");
        }
        if (sizeBytes > maxBytes) {
            throw new ApiProblem(413, "Payload too large",
                    "the file has " + sizeBytes + " bytes; the limit is " + maxBytes);
        }
        return sizeBytes;
    }
}
