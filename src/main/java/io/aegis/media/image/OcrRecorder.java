package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ItemBounds;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.ErrorCode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Stores the text tesseract read, with blank lines collapsed: whole in the processed bucket ({@code ocr.txt}, the
 * asset's {@code ocr-text} rendition) and as an excerpt of at most {@code ocr-max-chars} in the asset's
 * {@code ocrText} (the asset item must stay small); no text is recorded as unavailable, not as an empty string.
 */
@Component("ocrRecorder")
public class OcrRecorder implements Processor {

    private final AssetStore assets;
    private final ProcessedObjects processed;
    private final MediaProperties media;

    public OcrRecorder(AssetStore assets, ProcessedObjects processed, MediaProperties media) {
        this.assets = assets;
        this.processed = processed;
        this.media = media;
    }

    static final String OCR_TEXT = "ocr.txt";

    @Override
    public void process(Exchange exchange) {
        String whole = tidy(ToolRun.require(exchange, "tesseract", ErrorCode.CORRUPT_MEDIA), Integer.MAX_VALUE);
        String text = ItemBounds.excerpt(whole, media.image().ocrMaxChars());
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String key = ProcessedObjects.key(tenant, assetId, OCR_TEXT);
        if (!whole.isEmpty()) {
            processed.putText(key, whole, "text/plain");
        }
        assets.update(assetId, asset -> {
            if (whole.isEmpty()) {
                return asset.withInsights(asset.insights().withUnavailable("ocrText", "tesseract found no text in the image"));
            }
            return asset.withRendition(new Asset.Rendition("ocr-text", null, null, "txt", key))
                    .withInsights(asset.insights().withOcrText(text));
        });
        exchange.getMessage().setBody(null);
    }

    static String tidy(String raw, int maxChars) {
        String text = raw.replace("\f", "").replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
}
