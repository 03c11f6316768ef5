package io.aegis.orchestrate;

import io.aegis.media.OriginalFiles;
import io.aegis.media.document.DocumentLimits;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.ErrorCode;
import io.aegis.state.RawObjects;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The validate step: size limits, empty file, real MIME type from the first bytes, and the SHA-256 of the
 * content. Sets {@code aegis.mediaType} / {@code aegis.mimeType} for the dispatch route.
 */
@Component("mediaValidator")
public class MediaValidator implements Processor {

    private final RawObjects raw;
    private final MimeSniffer sniffer;
    private final AssetStore assets;
    private final PipelineProperties.Limits limits;
    private final OriginalFiles originals;
    private final long maxZipEntries;

    public MediaValidator(RawObjects raw, MimeSniffer sniffer, AssetStore assets,
                          PipelineProperties pipeline, OriginalFiles originals, DocumentLimits documentLimits) {
        this.originals = originals;
        this.maxZipEntries = documentLimits.maxEntries();
        this.raw = raw;
        this.sniffer = sniffer;
        this.assets = assets;
        this.limits = pipeline.limits();
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String key = exchange.getMessage().getHeader(AegisHeaders.RAW_KEY, String.class);

        long size = raw.size(key);
        if (size == 0) {
            throw new StepFailure(ErrorCode.EMPTY_FILE, "the file is empty");
        }
        if (size > limits.maxBytes().toBytes()) {
            throw new StepFailure(ErrorCode.FILE_TOO_LARGE,
                    "the file has " + size + " bytes; the limit is " + limits.maxBytes().toBytes());
        }
        ContentScan scan = scan(key, exchange);
        String mimeType = scan.mimeType();
        String sha256 = scan.sha256();
        String mediaType = MediaKind.of(mimeType).value();

        StepFindings.add(exchange, job -> job.withMedia(mediaType, mimeType).withSizeBytes(size));
        assets.update(assetId, asset -> asset.withContent(mimeType, mediaType, size, sha256));
        exchange.getMessage().setHeader(AegisHeaders.MEDIA_TYPE, mediaType);
        exchange.getMessage().setHeader(AegisHeaders.MIME_TYPE, mimeType);
        exchange.getMessage().setHeader(AegisHeaders.SIZE_BYTES, size);
    }

    /**
     * One pass over the object: its first bytes are sniffed for the type while all of it is hashed. Media the
     * metadata step will open with a tool is kept as a local file on the way, so it is not fetched twice.
     */
    private ContentScan scan(String key, Exchange exchange) throws IOException {
        MessageDigest digest = newSha256();
        String mimeType;
        try (InputStream in = new DigestInputStream(raw.stream(key), digest)) {
            byte[] head = in.readNBytes(limits.sniffBytes());
            mimeType = sniffer.detect(head);
            if (MediaKind.of(mimeType).needsLocalFile() || sniffer.needsWholeFile(mimeType)) {
                Path copy = originals.target(exchange);
                try (OutputStream out = Files.newOutputStream(copy)) {
                    out.write(head);
                    in.transferTo(out);
                }
                originals.kept(exchange, copy);
                mimeType = sniffer.refine(mimeType, copy, maxZipEntries);
            } else {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return new ContentScan(mimeType, HexFormat.of().formatHex(digest.digest()));
    }

    private record ContentScan(String mimeType, String sha256) {
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
