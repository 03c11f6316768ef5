package io.aegis.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** GET /v1/search: the caller's assets that match the query, best first, one entry per asset. */
public record SearchResults(List<Item> items) {

    /**
     * {@code score}: fused rank (0..1, 1 = first by both meaning and words); {@code snippet}: the asset's best matching
     * passage (or the part of it around the first matched word) and {@code source} the text it is from; {@code page}
     * (PDFs) or {@code start}/{@code end} (seconds, recordings) where it is; {@code meaning} and {@code words} the
     * evidence (closeness in meaning 0..1, share of the query's words found), {@code matchedBy} which of them cleared
     * the relevance floor.
     */
    @Schema(name = "SearchResult")
    public record Item(String assetId, String jobId, String filename, String mediaType, double score,
                       String snippet, String source, Integer page, Double start, Double end, double meaning,
                       double words, List<String> matchedBy) {
    }
}
