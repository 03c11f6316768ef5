package io.aegis.ai.search;

import java.util.List;

/** The texts of one asset the embed step indexes, each with where it came from. */
public record AssetTexts(String tenant, String assetId, String jobId, List<Part> parts) {

    public AssetTexts {
        parts = List.copyOf(parts);
    }

    public record Part(TextSource source, String text) {
    }
}
