package io.aegis.ai.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.List;

/**
 * A {@link PassageStore} made of a LangChain4j vector store and a {@link LexicalIndex}: both lookups, the same for
 * the in-process store ({@link LocalPassageStore}) and the shared one ({@link PgPassageStore}); how passages are
 * replaced and what closing releases are theirs.
 */
abstract class VectorAndLexicalStore implements PassageStore, AutoCloseable {

    private final EmbeddingStore<TextSegment> vectors;
    private final LexicalIndex words;

    VectorAndLexicalStore(EmbeddingStore<TextSegment> vectors, LexicalIndex words) {
        this.vectors = vectors;
        this.words = words;
    }

    @Override
    public final List<PassageHit> vectorHits(String tenant, Embedding query, int max) {
        return PassageSegments.nearest(vectors, tenant, query, max);
    }

    @Override
    public final List<PassageHit> lexicalHits(String tenant, String query, int max) {
        return words.search(tenant, query, max);
    }
}
