package io.aegis.ai.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ProcessedObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Gathers the analyze-image evidence: the asset's dimensions and EXIF, the OCR text, and the largest thumbnail
 * (of the image, or of a video's poster) from the processed bucket. No thumbnail — ops dropped the thumbnails
 * step from the plan — skips the step with that reason.
 */
@Component("imageEvidenceLoader")
public class ImageEvidenceLoader implements Processor {

    private final AssetStore assets;
    private final ProcessedObjects processed;

    public ImageEvidenceLoader(AssetStore assets, ProcessedObjects processed) {
        this.assets = assets;
        this.processed = processed;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        Asset asset = assets.find(assetId).orElseThrow(() -> new IllegalStateException("asset " + assetId + " is missing"));
        Optional<Asset.Rendition> thumbnail = largestThumbnail(asset);
        if (thumbnail.isEmpty()) {
            exchange.setProperty(AegisHeaders.STEP_SKIPPED, "there is no thumbnail to analyse (the thumbnails step did not run)");
            return;
        }
        exchange.setProperty(ImageEvidence.PROPERTY, evidence(asset, thumbnail.get(), download(thumbnail.get().key())));
    }

    static Optional<Asset.Rendition> largestThumbnail(Asset asset) {
        return asset.renditions().stream()
                .filter(r -> "thumbnail".equals(r.kind()) && r.width() != null && r.height() != null)
                .max(Comparator.comparingLong(r -> (long) r.width() * r.height()));
    }

    static ImageEvidence evidence(Asset asset, Asset.Rendition thumbnail, byte[] bytes) {
        JsonNode metadata = asset.metadata() == null ? MissingNode.getInstance() : asset.metadata();
        JsonNode exif = metadata.path("exif");
        boolean video = "video".equals(asset.mediaType());
        JsonNode size = video ? metadata.path("video") : metadata;
        int width = size.path("width").asInt(thumbnail.width());
        int height = size.path("height").asInt(thumbnail.height());
        // Orientations 5..8 turn the picture a quarter: viewers show it with width and height swapped.
        if (!video && metadata.path("orientation").asInt(1) >= 5) {
            int stored = width;
            width = height;
            height = stored;
        }
        String kind = video ? "video frame" : metadata.path("format").asText("").toUpperCase(Locale.ROOT) + " image";
        String mime = "png".equals(thumbnail.format()) ? "image/png" : "image/jpeg";
        return new ImageEvidence(width, height, kind.strip(), text(exif, "make"), text(exif, "model"),
                text(exif, "dateTimeOriginal"), asset.insights().ocrText(), bytes, mime);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }

    // Thumbnails are small (≤ 4096 px by routes/thumbnail-sizes.yaml), so they are read whole.
    // Straight into memory: no temporary file that a killed process would leave behind.
    private byte[] download(String key) throws IOException {
        return processed.bytes(key);
    }
}
