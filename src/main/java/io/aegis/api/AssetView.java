package io.aegis.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.state.Asset;
import io.aegis.state.Insights;
import java.util.List;
import java.util.function.Function;

/**
 * GET /v1/assets/{assetId} (design.md §4); rendition URLs and {@code originalUrl} (the uploaded file, which the
 * console's video player streams) are short-lived presigned GETs.
 */
public record AssetView(
        String assetId,
        String jobId,
        String filename,
        String mimeType,
        String mediaType,
        long sizeBytes,
        String sha256,
        ObjectNode metadata,
        List<RenditionView> renditions,
        Insights insights,
        String originalUrl,
        List<Asset.Version> versions,
        ReprocessingView reprocessing) {

    public record RenditionView(String kind, Integer width, Integer height, String format, String url) {
    }

    /** A reprocessing job under way: {@code insights} above are still the ones from before it. */
    public record ReprocessingView(String jobId, java.time.Instant startedAt, List<String> steps) {
    }

    static AssetView of(Asset asset, Function<String, String> presign, Function<Asset, String> presignOriginal) {
        return new AssetView(asset.assetId(), asset.jobId(), asset.filename(), asset.mimeType(), asset.mediaType(),
                asset.sizeBytes(), asset.sha256(), asset.metadata(),
                asset.renditions().stream()
                        .map(r -> new RenditionView(r.kind(), r.width(), r.height(), r.format(), presign.apply(r.key())))
                        .toList(),
                asset.publishedInsights(), asset.rawKey() == null ? null : presignOriginal.apply(asset),
                asset.versions(),
                asset.reprocessing() == null ? null : new ReprocessingView(asset.reprocessing().jobId(),
                        asset.reprocessing().startedAt(), asset.reprocessing().steps()));
    }
}
