package io.aegis.api;

import java.util.List;

/** GET /v1/search: the caller's assets closest in meaning to the query, best first, one entry per asset. */
public record SearchResults(List<Item> items) {

    /** {@code score} is the relevance of the asset's best chunk (0..1); {@code snippet} is that chunk. */
    public record Item(String assetId, String jobId, String filename, String mediaType, double score,
                       String snippet, String source) {
    }
}
