package io.aegis.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the AI steps concluded. Each insight names the provider that made it; one that could not be made
 * stays null and {@code unavailable} says why, so nothing is ever invented to fill a gap.
 */
public record Insights(
        Summary summary,
        Transcript transcript,
        List<String> tags,
        String description,
        String ocrText,
        Nsfw nsfw,
        Map<String, String> unavailable) {

    public static final Insights NONE = new Insights(null, null, null, null, null, null, Map.of());

    public Insights {
        unavailable = unavailable == null ? Map.of() : Map.copyOf(unavailable);
    }

    public Insights withSummary(Summary newSummary) {
        return new Insights(newSummary, transcript, tags, description, ocrText, nsfw, unavailable);
    }

    public Insights withTranscript(Transcript newTranscript) {
        return new Insights(summary, newTranscript, tags, description, ocrText, nsfw, unavailable);
    }

    public Insights withOcrText(String newOcrText) {
        return new Insights(summary, transcript, tags, description, newOcrText, nsfw, unavailable);
    }

    public Insights withUnavailable(String insight, String reason) {
        Map<String, String> updated = new LinkedHashMap<>(unavailable);
        updated.put(insight, reason);
        return new Insights(summary, transcript, tags, description, ocrText, nsfw, updated);
    }

    public record Summary(String text, String provider, String model) {
    }

    public record Transcript(String text, String language, String provider, List<Segment> segments) {
    }

    public record Segment(double start, double end, String text) {
    }

    public record Nsfw(double score, String provider) {
    }
}
