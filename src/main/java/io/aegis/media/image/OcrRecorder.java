package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.ErrorCode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Stores the text tesseract read as the asset's {@code ocrText}, with blank lines collapsed and a length
 * cap (the asset item must stay small); no text is recorded as unavailable, not as an empty string.
 */
@Component("ocrRecorder")
public class OcrRecorder implements Processor {

    private final AssetStore assets;
    private final MediaProperties media;

    public OcrRecorder(AssetStore assets, MediaProperties media) {
        this.assets = assets;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        String text = tidy(ToolRun.require(exchange, "tesseract", ErrorCode.CORRUPT_MEDIA), media.image().ocrMaxChars());
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        assets.update(assetId, asset -> asset.withInsights(text.isEmpty()
                ? asset.insights().withUnavailable("ocrText", "tesseract found no text in the image")
                : asset.insights().withOcrText(text)));
        exchange.getMessage().setBody(null);
    }

    static String tidy(String raw, int maxChars) {
        String text = raw.replace("\f", "").replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
}
