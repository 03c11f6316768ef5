package io.aegis.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the AI steps concluded. Each insight names the provider that made it; one that could not be made
 * stays null and {@code unavailable} says why, so nothing is ever invented to fill a gap. {@code sources} maps an
 * insight's name to the provider and model that made it (for insights whose own JSON has no such fields);
 * {@code content} is a recording's title suggestion, summary, tags and chapters. {@code declared} holds the insights of
 * the steps declared in routes/steps/, by insight name, each valid against the schema its step names.
 */
public record Insights(
        Summary summary,
        Transcript transcript,
        List<String> tags,
        String description,
        String ocrText,
        Nsfw nsfw,
        Map<String, String> unavailable,
        Map<String, Source> sources,
        Content content,
        Map<String, JsonNode> declared) {

    public static final Insights NONE = new Insights(null, null, null, null, null, null, Map.of(), Map.of(), null, Map.of());

    public Insights {
        tags = ItemBounds.tags(tags);
        unavailable = unavailable == null ? Map.of() : Map.copyOf(unavailable);
        sources = sources == null ? Map.of() : Map.copyOf(sources);
        declared = declared == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(declared));
    }

    public Insights withSummary(Summary newSummary) {
        return new Insights(newSummary, transcript, tags, description, ocrText, nsfw, without(unavailable, "summary"),
                sources, content, declared);
    }

    public Insights withTranscript(Transcript newTranscript) {
        return new Insights(summary, newTranscript, tags, description, ocrText, nsfw, unavailable, sources, content, declared);
    }

    public Insights withOcrText(String newOcrText) {
        return new Insights(summary, transcript, tags, description, newOcrText, nsfw, without(unavailable, "ocrText"),
                sources, content, declared);
    }

    public Insights withUnavailable(String insight, String reason) {
        Map<String, String> updated = new LinkedHashMap<>(unavailable);
        updated.put(insight, reason);
        return new Insights(summary, transcript, tags, description, ocrText, nsfw, updated, sources, content, declared);
    }

    /** Tags made by {@code source}; an earlier "unavailable" note for tags no longer applies. */
    public Insights withTags(List<String> newTags, Source source) {
        return new Insights(summary, transcript, List.copyOf(newTags), description, ocrText, nsfw,
                without(unavailable, "tags"), withSource("tags", source), content, declared);
    }

    public Insights withDescription(String newDescription, Source source) {
        return new Insights(summary, transcript, tags, newDescription, ocrText, nsfw,
                without(unavailable, "description"), withSource("description", source), content, declared);
    }

    public Insights withNsfw(Nsfw newNsfw, Source source) {
        return new Insights(summary, transcript, tags, description, ocrText, newNsfw,
                without(unavailable, "nsfw"), withSource("nsfw", source), content, declared);
    }

    public Insights withContent(Content newContent, Source source) {
        return new Insights(summary, transcript, tags, description, ocrText, nsfw,
                without(unavailable, "content"), withSource("content", source), newContent, declared);
    }

    /**
     * The insight {@code name} of a step declared in routes/steps/ (JSON its schema accepted), made by {@code source}
     * (null for a tool); an earlier "unavailable" note for it no longer applies.
     */
    public Insights withDeclared(String name, JsonNode value, Source source) {
        Map<String, JsonNode> updated = new LinkedHashMap<>(declared);
        updated.put(name, value);
        return new Insights(summary, transcript, tags, description, ocrText, nsfw, without(unavailable, name),
                source == null ? without(sources, name) : withSource(name, source), content, updated);
    }

    /** A declared insight that could not be made: no value, and why. */
    public Insights withDeclaredUnavailable(String name, String reason) {
        Map<String, JsonNode> updated = new LinkedHashMap<>(declared);
        updated.remove(name);
        return new Insights(summary, transcript, tags, description, ocrText, nsfw, unavailable, sources, content, updated)
                .withUnavailable(name, reason);
    }

    private Map<String, Source> withSource(String insight, Source source) {
        Map<String, Source> updated = new LinkedHashMap<>(sources);
        updated.put(insight, source);
        return updated;
    }

    private static <V> Map<String, V> without(Map<String, V> reasons, String insight) {
        Map<String, V> updated = new LinkedHashMap<>(reasons);
        updated.remove(insight);
        return updated;
    }

    public record Summary(String text, String provider, String model) {
    }

    /**
     * {@code truncated}: {@code text} (and {@code segments}) is an excerpt, the item being capped at 400 KB; the whole
     * transcript is the asset's {@code transcript} rendition (transcript.json) and {@code text.txt}.
     */
    public record Transcript(String text, String language, String provider, List<Segment> segments, Boolean truncated) {

        public Transcript(String text, String language, String provider, List<Segment> segments) {
            this(text, language, provider, segments, null);
        }
    }

    public record Segment(double start, double end, String text) {
    }

    public record Nsfw(double score, String provider) {
    }

    /** Who made an insight: {@code sources} maps an insight's name ({@code tags}, {@code description}, ...) to this. */
    public record Source(String provider, String model) {
    }

    /** A recording's content metadata: a title suggestion, its summary and tags, and chapters from the transcript timings. */
    public record Content(String titleSuggestion, String summary, List<String> tags, List<Chapter> chapters) {

        public Content {
            tags = tags == null ? List.of() : ItemBounds.tags(tags);
            chapters = chapters == null ? List.of() : List.copyOf(chapters);
        }
    }

    /** A stretch of a recording, in seconds, titled with its own keywords. */
    public record Chapter(double start, double end, String title) {
    }
}
