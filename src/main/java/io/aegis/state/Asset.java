package io.aegis.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        long version,
        List<Version> versions,
        Reprocessing reprocessing) {

    public Asset {
        renditions = renditions == null ? List.of() : List.copyOf(renditions);
        insights = insights == null ? Insights.NONE : insights;
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    public static Asset created(String assetId, String jobId, String tenant, String filename, long sizeBytes,
                                String rawKey, Instant now) {
        return new Asset(assetId, jobId, tenant, filename, null, null, sizeBytes, null, rawKey, null, List.of(),
                Insights.NONE, now, 0, List.of(), null);
    }

    public Asset withContent(String newMimeType, String newMediaType, long newSize, String newSha256) {
        return new Asset(assetId, jobId, tenant, filename, newMimeType, newMediaType, newSize, newSha256, rawKey,
                metadata, renditions, insights, createdAt, version, versions, reprocessing);
    }

    public Asset withMediaType(String newMediaType) {
        return new Asset(assetId, jobId, tenant, filename, mimeType, newMediaType, sizeBytes, sha256, rawKey,
                metadata, renditions, insights, createdAt, version, versions, reprocessing);
    }

    /** Container metadata, bounded ({@link ItemBounds#metadata}): a file decides its size. */
    public Asset withMetadata(ObjectNode newMetadata) {
        return new Asset(assetId, jobId, tenant, filename, mimeType, mediaType, sizeBytes, sha256, rawKey,
                ItemBounds.metadata(newMetadata), renditions, insights, createdAt, version, versions, reprocessing);
    }

    public Asset withRendition(Rendition rendition) {
        List<Rendition> updated = new ArrayList<>(renditions);
        updated.removeIf(r -> r.key().equals(rendition.key()));
        updated.add(rendition);
        return new Asset(assetId, jobId, tenant, filename, mimeType, mediaType, sizeBytes, sha256, rawKey,
                metadata, updated, insights, createdAt, version, versions, reprocessing);
    }

    public Asset withInsights(Insights newInsights) {
        return new Asset(assetId, jobId, tenant, filename, mimeType, mediaType, sizeBytes, sha256, rawKey,
                metadata, renditions, newInsights, createdAt, version, versions, reprocessing);
    }

    Asset withVersion(long newVersion) {
        return new Asset(assetId, jobId, tenant, filename, mimeType, mediaType, sizeBytes, sha256, rawKey,
                metadata, renditions, insights, createdAt, newVersion, versions, reprocessing);
    }

    /**
     * A new job over the stored original starts ({@code POST /v1/assets/{id}/reprocess}): the insights as they are now
     * are kept aside and stay what readers see until that job succeeds; {@code steps} is what was asked for (null:
     * the plan of the asset's media kind).
     */
    public Asset reprocessingBy(String newJobId, List<String> steps, Instant now) {
        List<Version> updated = new ArrayList<>(versions);
        updated.add(new Version(versions.size() + 1, newJobId, JobStatus.QUEUED.name(), steps, Map.of(), now, null));
        return new Asset(assetId, jobId, tenant, filename, mimeType, mediaType, sizeBytes, sha256, rawKey,
                metadata, renditions, insights, createdAt, version, updated,
                new Reprocessing(newJobId, reprocessing != null ? reprocessing.kept() : insights, now, steps));
    }

    /**
     * Records how {@code job} ended. SUCCEEDED: its insights become the asset's current version, with the plan (its
     * steps) and the provider/model of each insight, and the asset points at that job. FAILED or CANCELLED: the
     * insights kept aside when it started are put back. A job already recorded as ended changes nothing (the same
     * instance is returned).
     */
    public Asset jobEnded(Job job, Instant now) {
        if (!job.status().isTerminal()) {
            return this;
        }
        List<Version> updated = new ArrayList<>(versions);
        int index = -1;
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).jobId().equals(job.jobId())) {
                index = i;
            }
        }
        if (index >= 0 && updated.get(index).finishedAt() != null) {
            return this;
        }
        List<String> plan = job.steps().stream().map(StepState::name).toList();
        boolean ours = reprocessing != null && reprocessing.jobId().equals(job.jobId());
        boolean succeeded = job.status() == JobStatus.SUCCEEDED;
        Version ended = new Version(index >= 0 ? updated.get(index).number() : updated.size() + 1, job.jobId(),
                job.status().name(), plan, succeeded ? models(insights) : Map.of(),
                index >= 0 ? updated.get(index).startedAt() : job.createdAt(), now);
        if (index >= 0) {
            updated.set(index, ended);
        } else {
            updated.add(ended);
        }
        Insights current = succeeded || !ours ? insights : reprocessing.kept();
        return new Asset(assetId, succeeded ? job.jobId() : jobId, tenant, filename, mimeType, mediaType, sizeBytes,
                sha256, rawKey, metadata, renditions, current, createdAt, version, updated,
                ours ? null : reprocessing);
    }

    /** What readers see: while a reprocessing job runs, the insights from before it. */
    public Insights publishedInsights() {
        return reprocessing != null ? reprocessing.kept() : insights;
    }

    /** The job ids this asset has had: its upload's and every reprocessing's, for deletion. */
    public List<String> allJobIds() {
        List<String> ids = new ArrayList<>();
        if (jobId != null) {
            ids.add(jobId);
        }
        versions.stream().map(Version::jobId).filter(id -> !ids.contains(id)).forEach(ids::add);
        if (reprocessing != null && !ids.contains(reprocessing.jobId())) {
            ids.add(reprocessing.jobId());
        }
        return ids;
    }

    // insight name -> "provider/model" (or the provider alone), for the version record.
    static Map<String, String> models(Insights insights) {
        Map<String, String> models = new LinkedHashMap<>();
        if (insights.summary() != null) {
            models.put("summary", label(insights.summary().provider(), insights.summary().model()));
        }
        if (insights.transcript() != null) {
            models.put("transcript", label(insights.transcript().provider(), null));
        }
        insights.sources().forEach((name, source) -> models.put(name, label(source.provider(), source.model())));
        return models;
    }

    private static String label(String provider, String model) {
        return model == null || model.isBlank() ? String.valueOf(provider) : provider + "/" + model;
    }

    /**
     * One job over the asset: which job, how it ended, the steps it ran (its plan) and the provider/model of each
     * insight it left (a SUCCEEDED one is a version of the insights).
     */
    public record Version(int number, String jobId, String status, List<String> plan, Map<String, String> models,
                          Instant startedAt, Instant finishedAt) {
    }

    /**
     * A reprocessing job under way and the insights readers keep seeing until it succeeds; {@code steps} are the
     * steps asked for (null: the media kind's whole plan).
     */
    public record Reprocessing(String jobId, Insights kept, Instant startedAt, List<String> steps) {
    }

    /** A processed file derived from the asset, stored under {@code key} in the processed bucket. */
    public record Rendition(String kind, Integer width, Integer height, String format, String key) {
    }
}
