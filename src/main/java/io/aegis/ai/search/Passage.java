package io.aegis.ai.search;

/**
 * One indexed passage of an asset's text: what search finds and shows as the snippet. {@code page} (1-based, PDFs)
 * or {@code start}/{@code end} (seconds, recordings) say where in the asset it came from; both null for other texts.
 * {@code id} is stable for the asset and position, so re-indexing overwrites rather than adds.
 */
public record Passage(String id, String tenant, String assetId, String jobId, TextSource source, String text,
                      Integer page, Double start, Double end) {
}
