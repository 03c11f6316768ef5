package io.aegis.ai.search;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.Insights;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.RawObjects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Gathers every text an asset has into {@link AssetTexts}: the document itself (a text upload, or a PDF's or
 * office document's {@code text.txt}), a recording's transcript, OCR text, the image description and the summary, each at
 * most {@code aegis.search.max-text-chars}. An asset with none is SKIPPED by the embed step.
 */
@Component("assetTextCollector")
public class AssetTextCollector implements Processor {

    private final AssetStore assets;
    private final RawObjects raw;
    private final ProcessedObjects processed;
    private final int maxChars;

    public AssetTextCollector(AssetStore assets, RawObjects raw, ProcessedObjects processed, SearchProperties search) {
        this.assets = assets;
        this.raw = raw;
        this.processed = processed;
        this.maxChars = search.maxTextChars();
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        Asset asset = assets.find(assetId).orElseThrow(() -> new IllegalStateException("asset " + assetId + " is missing"));
        AssetTexts texts = new AssetTexts(asset.tenant(), asset.assetId(), asset.jobId(), parts(asset));
        exchange.getMessage().setBody(texts);
        if (texts.parts().isEmpty()) {
            exchange.setProperty(AegisHeaders.STEP_SKIPPED, "there is no text to embed");
        }
    }

    private List<AssetTexts.Part> parts(Asset asset) {
        Insights insights = asset.insights();
        List<AssetTexts.Part> parts = new ArrayList<>();
        String mediaType = asset.mediaType() == null ? "" : asset.mediaType();
        switch (mediaType) {
            case "text" -> add(parts, TextSource.TEXT, rawText(asset));
            case "pdf", "document" -> add(parts, TextSource.TEXT, processedText(asset).orElse(null));
            // The full transcript is text.txt; the asset's insight may hold only its first segments.
            case "video", "audio" -> add(parts, TextSource.TRANSCRIPT, processedText(asset)
                    .orElse(insights.transcript() == null ? null : insights.transcript().text()));
            default -> {
                // images have no document text; their words come from OCR and the description below
            }
        }
        add(parts, TextSource.OCR, insights.ocrText());
        add(parts, TextSource.DESCRIPTION, insights.description());
        add(parts, TextSource.SUMMARY, insights.summary() == null ? null : insights.summary().text());
        return parts;
    }

    private String rawText(Asset asset) {
        // Bytes, not characters, bound the read; a character cut at the end becomes U+FFFD and is harmless.
        return new String(raw.head(asset.rawKey(), maxChars), StandardCharsets.UTF_8);
    }

    private Optional<String> processedText(Asset asset) {
        return processed.headText(ProcessedObjects.key(asset.tenant(), asset.assetId(), ProcessedObjects.TEXT), maxChars);
    }

    private void add(List<AssetTexts.Part> parts, TextSource source, String text) {
        if (text != null && !text.isBlank()) {
            parts.add(new AssetTexts.Part(source, text.length() > maxChars ? text.substring(0, maxChars) : text));
        }
    }
}
