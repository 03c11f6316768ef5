package io.aegis.state;

import io.aegis.platform.aws.ResourceNames;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Reads originals from the raw bucket, a bounded prefix at a time so no step holds a whole large file. */
@Component
public class RawObjects {

    private final S3Client s3;
    private final String bucket;

    public RawObjects(S3Client s3, ResourceNames names) {
        this.s3 = s3;
        this.bucket = names.buckets().raw();
    }

    public long size(String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    }

    /** The object's size, or empty when there is no object at {@code key} (yet). */
    public OptionalLong sizeIfPresent(String key) {
        try {
            return OptionalLong.of(size(key));
        } catch (NoSuchKeyException absent) {
            return OptionalLong.empty();
        }
    }

    /**
     * {@code {tenant}/{assetId}/}: the prefix of every object of one asset, in the raw and the processed bucket alike
     * ({@link #originalKey} and {@link ProcessedObjects#key} start with it); deleting an asset purges it.
     */
    public static String assetPrefix(String tenant, String assetId) {
        return tenant + "/" + assetId + "/";
    }

    /** Where an upload's original is stored: {@code {tenant}/{assetId}/original/{safe-name}}. */
    public static String originalKey(String tenant, String assetId, String safeFileName) {
        return assetPrefix(tenant, assetId) + "original/" + safeFileName;
    }

    /** Discards a multipart upload's parts; one already completed or aborted is not an error. */
    public void abortMultipart(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchUploadException gone) {
            // Completed or aborted already.
        }
    }

    /** The first {@code maxBytes} bytes (fewer if the object is shorter); {@code maxBytes} must be positive. */
    public byte[] head(String key, long maxBytes) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=0-" + (maxBytes - 1))).asByteArray();
    }

    /** Streams the whole object to {@code target} (replacing it), for tools that need a file. */
    public void download(String key, Path target) {
        ProcessedObjects.deleteIfExists(target);
        s3.getObject(b -> b.bucket(bucket).key(key), target);
    }

    /** The whole object as a stream, for a single sequential pass (hashing); the caller closes it. */
    public InputStream stream(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }
}
