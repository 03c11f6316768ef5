package io.aegis.ai.search;

import dev.langchain4j.data.embedding.Embedding;
import java.util.List;

/**
 * Where a tenant's passages are kept and looked up, by meaning (vectors) and by words (lexical): the seam under
 * {@link HybridSearch}. Fusion, the relevance floor and snippets live above it, so a shared store (PostgreSQL with
 * pgvector and full-text search) replaces the in-process one ({@link LocalPassageStore}) without changing them.
 * Every lookup is within one tenant: another tenant's passages are never candidates, nor its word statistics.
 */
public interface PassageStore {

    /** Makes {@code passages} (with their embeddings, same order) the asset's only passages; none removes the asset. */
    void replace(String tenant, String assetId, List<Passage> passages, List<Embedding> embeddings);

    /** The tenant's passages nearest {@code query} in meaning, best first, at most {@code max}. */
    List<PassageHit> vectorHits(String tenant, Embedding query, int max);

    /** The tenant's passages that best match {@code query}'s words (BM25 or the store's own ranking), best first. */
    List<PassageHit> lexicalHits(String tenant, String query, int max);
}
