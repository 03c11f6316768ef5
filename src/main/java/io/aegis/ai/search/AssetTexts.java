package io.aegis.ai.search;

import java.util.List;

/**
 * The texts of one asset the embed step indexes, each with where it came from: a PDF page's text carries its page,
 * a stretch of a transcript its start and end in seconds.
 */
public record AssetTexts(String tenant, String assetId, String jobId, List<Part> parts) {

    public AssetTexts {
        parts = List.copyOf(parts);
    }

    public record Part(TextSource source, String text, Integer page, Double start, Double end) {

        public Part(TextSource source, String text) {
            this(source, text, null, null, null);
        }
    }
}
