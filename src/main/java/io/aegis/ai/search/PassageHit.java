package io.aegis.ai.search;

/**
 * A passage a store found for a query: {@code score} is the store's own measure, comparable only within one list
 * (cosine relevance 0..1 for vector hits, BM25 for lexical hits). Fusion uses the ranks; the floor uses
 * {@code score} of vector hits and the query's word coverage, which {@link HybridSearch} measures itself.
 */
public record PassageHit(Passage passage, double score) {
}
