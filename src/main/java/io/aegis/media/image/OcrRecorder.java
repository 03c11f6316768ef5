package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ItemBounds;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.TextRendition;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores the words OCR read with confidence, line by line: whole in the processed bucket ({@code ocr.txt}, the asset's
 * {@code ocr-text} rendition) and as an excerpt of at most {@code ocr-max-chars} in the asset's {@code ocrText} (the
 * asset item must stay small). Words below the confidence floor or not words at all never get here, so they never reach
 * tags, the description or search. No such words is recorded as unavailable, with the reason.
 */
@Component("ocrRecorder")
public class OcrRecorder implements Processor {

    private static final Logger log = LoggerFactory.getLogger(OcrRecorder.class);

    private final AssetStore assets;
    private final ProcessedObjects processed;
    private final MediaProperties media;
    private final OcrWordJudge judge;

    public OcrRecorder(AssetStore assets, ProcessedObjects processed, MediaProperties media, OcrWordJudge judge) {
        this.assets = assets;
        this.processed = processed;
        this.media = media;
        this.judge = judge;
    }


    @Override
    public void process(Exchange exchange) {
        OcrScan scan = OcrScan.of(exchange);
        String whole = tidy(scan.text(judge::accept), Integer.MAX_VALUE);
        String text = ItemBounds.excerpt(whole, media.image().ocrMaxChars());
        long seen = scan.words().stream().filter(w -> w.text().codePoints().anyMatch(Character::isLetterOrDigit)).count();
        log.info("OCR kept {} of {} words in {} passes", scan.accepted(judge::accept).size(), seen, scan.passes());
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String reason = seen == 0 ? "tesseract found no text in the image"
                : "tesseract read " + seen + " marks that may be text, none of them confidently (confidence "
                        + judge.minConfidence() + " and a known word needed)";
        Asset.Rendition rendition = whole.isEmpty() ? null
                : processed.putRendition(tenant, assetId, TextRendition.OCR_TEXT, whole);
        assets.update(assetId, asset -> rendition == null
                ? asset.withInsights(asset.insights().withUnavailable("ocrText", reason))
                : asset.withRendition(rendition).withInsights(asset.insights().withOcrText(text)));
        exchange.getMessage().setBody(null);
    }

    public static String tidy(String raw, int maxChars) {
        String text = raw.replace("\f", "").replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
}
