package io.aegis.orchestrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.RawObjects;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Ends the metadata step: stores what the kind's probe found (EXIF, ffprobe, PDF info — exchange property
 * {@code aegis.metadata}) or, for text, encoding validity and line, word and character counts over the
 * first {@value #TEXT_SAMPLE_BYTES} bytes. A probe may have settled the media kind (an MKV with no picture
 * is audio): the job and asset then record the new kind before dispatch reads it.
 */
@Component("metadataExtractor")
public class MetadataExtractor implements Processor {

    static final int TEXT_SAMPLE_BYTES = 4 * 1024 * 1024;

    private final RawObjects raw;
    private final AssetStore assets;
    private final ObjectMapper json;

    public MetadataExtractor(RawObjects raw, AssetStore assets, ObjectMapper json) {
        this.raw = raw;
        this.assets = assets;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        var headers = exchange.getMessage();
        String assetId = headers.getHeader(AegisHeaders.ASSET_ID, String.class);
        String mediaType = headers.getHeader(AegisHeaders.MEDIA_TYPE, String.class);
        ObjectNode metadata = json.createObjectNode();
        metadata.put("mimeType", headers.getHeader(AegisHeaders.MIME_TYPE, String.class));
        metadata.put("sizeBytes", headers.getHeader(AegisHeaders.SIZE_BYTES, Long.class));
        if (MediaKind.TEXT.value().equals(mediaType)) {
            describeText(headers.getHeader(AegisHeaders.RAW_KEY, String.class),
                    headers.getHeader(AegisHeaders.SIZE_BYTES, Long.class), metadata);
        }
        ObjectNode probed = exchange.getProperty(AegisHeaders.METADATA, ObjectNode.class);
        if (probed != null) {
            metadata.setAll(probed);
        }
        String mimeType = headers.getHeader(AegisHeaders.MIME_TYPE, String.class);
        assets.update(assetId, asset -> asset.withMetadata(metadata).withMediaType(mediaType));
        if (!mediaType.equals(MediaKind.of(mimeType).value())) {
            StepFindings.add(exchange, job -> job.withMedia(mediaType, mimeType));
        }
    }

    private void describeText(String key, long size, ObjectNode metadata) {
        byte[] sample = raw.head(key, TEXT_SAMPLE_BYTES);
        String text = new String(sample, StandardCharsets.UTF_8);
        metadata.put("encoding", isUtf8(sample, size > TEXT_SAMPLE_BYTES) ? "UTF-8" : "unknown (not valid UTF-8)");
        metadata.put("sampledBytes", sample.length);
        metadata.put("characters", text.codePointCount(0, text.length()));
        metadata.put("lines", lineCount(text));
        metadata.put("words", text.isBlank() ? 0 : text.trim().split("\\s+").length);
    }

    /** Lines as an editor counts them: a final newline does not start another line. */
    static int lineCount(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int breaks = text.split("\r\n|\r|\n", -1).length - 1;
        boolean endsWithBreak = text.endsWith("\n") || text.endsWith("\r");
        return endsWithBreak ? breaks : breaks + 1;
    }

    private static boolean isUtf8(byte[] sample, boolean truncated) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        try {
            // A sample cut mid-character is not evidence of bad encoding: drop up to 3 trailing bytes.
            int length = truncated ? Math.max(0, sample.length - 3) : sample.length;
            decoder.decode(ByteBuffer.wrap(sample, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
