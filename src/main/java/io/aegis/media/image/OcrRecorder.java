package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores the words OCR read with confidence as the asset's {@code ocrText}, line by line, with a length cap (the asset
 * item must stay small). Words below the confidence floor or not words at all never get here, so they never reach tags,
 * the description or search. No such words is recorded as unavailable, with the reason.
 */
@Component("ocrRecorder")
public class OcrRecorder implements Processor {

    private static final Logger log = LoggerFactory.getLogger(OcrRecorder.class);

    private final AssetStore assets;
    private final MediaProperties media;
    private final OcrWordJudge judge;

    public OcrRecorder(AssetStore assets, MediaProperties media, OcrWordJudge judge) {
        this.assets = assets;
        this.media = media;
        this.judge = judge;
    }

    @Override
    public void process(Exchange exchange) {
        OcrScan scan = OcrScan.of(exchange);
        String text = tidy(scan.text(judge::accept), media.image().ocrMaxChars());
        long seen = scan.words().stream().filter(w -> w.text().codePoints().anyMatch(Character::isLetterOrDigit)).count();
        log.info("OCR kept {} of {} words in {} passes", scan.accepted(judge::accept).size(), seen, scan.passes());
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String reason = seen == 0 ? "tesseract found no text in the image"
                : "tesseract read " + seen + " marks that may be text, none of them confidently (confidence "
                        + judge.minConfidence() + " and a known word needed)";
        assets.update(assetId, asset -> asset.withInsights(text.isEmpty()
                ? asset.insights().withUnavailable("ocrText", reason)
                : asset.insights().withOcrText(text)));
        exchange.getMessage().setBody(null);
    }

    public static String tidy(String raw, int maxChars) {
        String text = raw.replace("\f", "").replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
}
