package io.aegis.state;

import io.aegis.platform.aws.ResourceNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The processed bucket: what the steps made of an asset, under {@code {tenant}/{assetId}/{name}}. Names are
 * fixed per output, so a re-run step overwrites its own files instead of leaving copies behind.
 */
@Component
public class ProcessedObjects {

    /** The asset's text for the AI steps: a PDF's extracted text or a recording's transcript. */
    public static final String TEXT = TextRendition.TEXT.name();

    private final S3Client s3;
    private final String bucket;

    public ProcessedObjects(S3Client s3, ResourceNames names) {
        this.s3 = s3;
        this.bucket = names.buckets().processed();
    }

    /**
     * The {@code aws2-s3} endpoint that stores into the processed bucket what a route only moves (headers: key, type).
     * Routes send to it with {@code toD}: the endpoint is made at the first file, so a process without a worker role
     * never starts it (it checks the bucket at start, a call such a process's IAM role need not be allowed).
     */
    public static String endpoint(ResourceNames names) {
        return "aws2-s3://" + names.buckets().processed() + "?autoCreateBucket=false";
    }

    /** Where a rendition or text of an asset is stored: {@code {tenant}/{assetId}/{name}}. */
    public static String key(String tenant, String assetId, String name) {
        return RawObjects.assetPrefix(tenant, assetId) + name;
    }

    public void put(String key, Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    /**
     * Stores {@code content} as the asset's {@code rendition} and returns what the asset records for it; the caller
     * adds it in its one asset update, with whatever else the step learned.
     */
    public Asset.Rendition putRendition(String tenant, String assetId, TextRendition rendition, String content) {
        String key = key(tenant, assetId, rendition.name());
        putText(key, content, rendition.contentType());
        return new Asset.Rendition(rendition.kind(), null, null, rendition.format(), key);
    }

    public void putText(String key, String text, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType + "; charset=utf-8"),
                RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    /** Streams the object to {@code target} (replacing it). */
    public void download(String key, Path target) {
        deleteIfExists(target);
        s3.getObject(b -> b.bucket(bucket).key(key), target);
    }

    /** A small object (a thumbnail) whole. */
    public byte[] bytes(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** The first {@code maxBytes} bytes of a text object as UTF-8, or empty when there is no such object. */
    public Optional<String> headText(String key, long maxBytes) {
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=0-" + (maxBytes - 1)))
                    .asByteArray();
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return Optional.of(""); // a range request on an empty object
            }
            throw e;
        }
    }

    static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
