package io.aegis.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One asset: what the upload was, what Aegis measured about it and what it made of it. {@code metadata} is
 * free-form by nature (EXIF, ffprobe, PDF info), everything else is typed.
 */
public record Asset(
        String assetId,
        String jobId,
        String tenant,
        String filename,
        String mimeType,
        String mediaType,
        long sizeBytes,
        String sha256,
        String rawKey,
        ObjectNode metadata,
        List<Rendition> renditions,
        Insights insights,
        Instant createdAt,
        long version) {

    public Asset {
        renditions = renditions == null ? List.of() : List.copyOf(renditions);
        insights = insights == null ? Insights.NONE : insights;
    }

    public static Asset created(String assetId, String jobId, String tenant, String filename, long sizeBytes,
                                String rawKey, Instant now) {
        return new Asset(assetId, jobId, tenant, filename, null, null, sizeBytes, null, rawKey, null, List.of(),
                Insights.NONE, now, 0);
    }

    public Asset withContent(String newMimeType, String newMediaType, long newSize, String newSha256) {
        return new Asset(assetId, jobId, tenant, filename, newMimeType, newMediaType, newSize, newSha256, rawKey,
                metadata, renditions, insights, createdAt, version);
    }

    public Asset withMediaType(String newMediaType) {
        return new Asset(assetId, jobId, tenant, filename, mimeType, newMediaType, sizeBytes, sha256, rawKey,
                metadata, renditions, insights, createdAt, version);
    }

    /** Container metadata, bounded ({@link ItemBounds#metadata}): a file decides its size. */
    public Asset withMetadata(ObjectNode newMetadata) {
        return new Asset(assetId, jobId, tenant, filename, mimeType, mediaType, sizeBytes, sha256, rawKey,
                ItemBounds.metadata(newMetadata), renditions, insights, createdAt, version);
    }

    public Asset withRendition(Rendition rendition) {
        List<Rendition> updated = new ArrayList<>(renditions);
        updated.removeIf(r -> r.key().equals(rendition.key()));
        updated.add(rendition);
        return new Asset(assetId, jobId, tenant, filename, mimeType, mediaType, sizeBytes, sha256, rawKey,
                metadata, updated, insights, createdAt, version);
    }

    public Asset withInsights(Insights newInsights) {
        return new Asset(assetId, jobId, tenant, filename, mimeType, mediaType, sizeBytes, sha256, rawKey,
                metadata, renditions, newInsights, createdAt, version);
    }

    Asset withVersion(long newVersion) {
        return new Asset(assetId, jobId, tenant, filename, mimeType, mediaType, sizeBytes, sha256, rawKey,
                metadata, renditions, insights, createdAt, newVersion);
    }

    /** A processed file derived from the asset, stored under {@code key} in the processed bucket. */
    public record Rendition(String kind, Integer width, Integer height, String format, String key) {
    }
}
