package io.aegis.api;

import io.aegis.platform.aws.ResourceNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigns the PUT of one original into the raw bucket. Content-Type and Content-Length are signed headers,
 * so S3 refuses a PUT with another type or another size (a presigned PUT cannot express a size range; the size
 * is declared up front instead, which is what a browser's File knows anyway).
 */
@Component
public class UploadUrlSigner {

    private final S3Presigner presigner;
    private final String rawBucket;

    public UploadUrlSigner(S3Presigner presigner, ResourceNames names) {
        this.presigner = presigner;
        this.rawBucket = names.buckets().raw();
    }

    public SignedPut sign(String key, String contentType, long sizeBytes, Duration lifetime) {
        var presigned = presigner.presignPutObject(b -> b.signatureDuration(lifetime)
                .putObjectRequest(put -> put.bucket(rawBucket).key(key).contentType(contentType)
                        .contentLength(sizeBytes)));
        return new SignedPut(presigned.url().toString(), presigned.expiration(), Map.of("Content-Type", contentType));
    }

    /** A presigned PUT of part {@code partNumber} of a multipart upload, exactly {@code sizeBytes} long. */
    public SignedPut signPart(String key, String uploadId, int partNumber, long sizeBytes, Duration lifetime) {
        var presigned = presigner.presignUploadPart(b -> b.signatureDuration(lifetime)
                .uploadPartRequest(part -> part.bucket(rawBucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength(sizeBytes)));
        return new SignedPut(presigned.url().toString(), presigned.expiration(), Map.of());
    }

    /** The URL, when it stops working, and the headers the PUT must carry exactly as given (besides its length). */
    public record SignedPut(String url, Instant expiresAt, Map<String, String> headers) {
    }
}
