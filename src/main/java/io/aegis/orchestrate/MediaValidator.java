package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.platform.ResourceNames;
import io.aegis.state.AssetStore;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The validate step: size limits, empty file, real MIME type from the first bytes, and the SHA-256 of the
 * content. Sets {@code aegis.mediaType} / {@code aegis.mimeType} for the dispatch route.
 */
@Component("mediaValidator")
public class MediaValidator implements Processor {

    private final S3Client s3;
    private final MimeSniffer sniffer;
    private final JobLifecycle lifecycle;
    private final AssetStore assets;
    private final String bucket;
    private final PipelineProperties.Limits limits;

    public MediaValidator(S3Client s3, MimeSniffer sniffer, JobLifecycle lifecycle, AssetStore assets,
                          ResourceNames names, PipelineProperties pipeline) {
        this.s3 = s3;
        this.sniffer = sniffer;
        this.lifecycle = lifecycle;
        this.assets = assets;
        this.bucket = names.buckets().raw();
        this.limits = pipeline.limits();
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String key = exchange.getMessage().getHeader(AegisHeaders.RAW_KEY, String.class);

        long size = s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
        if (size == 0) {
            throw new StepFailure(ErrorCode.EMPTY_FILE, "the file is empty");
        }
        if (size > limits.maxBytes().toBytes()) {
            throw new StepFailure(ErrorCode.FILE_TOO_LARGE,
                    "the file has " + size + " bytes; the limit is " + limits.maxBytes().toBytes());
        }
        String mimeType = sniffer.detect(head(key, size));
        String mediaType = MediaKind.of(mimeType).value();
        String sha256 = sha256(key);

        lifecycle.recordMedia(jobId, mediaType, mimeType, size);
        assets.update(assetId, asset -> asset.withContent(mimeType, mediaType, size, sha256));
        exchange.getMessage().setHeader(AegisHeaders.MEDIA_TYPE, mediaType);
        exchange.getMessage().setHeader(AegisHeaders.MIME_TYPE, mimeType);
        exchange.getMessage().setHeader(AegisHeaders.SIZE_BYTES, size);
    }

    private byte[] head(String key, long size) {
        long last = Math.min(size, limits.sniffBytes()) - 1;
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=0-" + last)).asByteArray();
    }

    private String sha256(String key) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(s3.getObject(b -> b.bucket(bucket).key(key)), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
