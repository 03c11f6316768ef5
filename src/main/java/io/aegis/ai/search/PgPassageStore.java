package io.aegis.ai.search;

import dev.langchain4j.data.embedding.Embedding;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@link PassageStore} every process shares: one PostgreSQL table, a row per passage with its vector (pgvector,
 * {@link PgVectorEmbeddingStore}) and its words (full-text search, {@link PgLexicalIndex}). An asset's passages are
 * replaced in one transaction. Fusion, the relevance floor and snippets are {@link HybridSearch}'s, as for the
 * in-process store.
 */
public final class PgPassageStore extends VectorAndLexicalStore {

    private final PgVectorEmbeddingStore vectors;

    public PgPassageStore(DataSource data, String table, int dimension) {
        this(new PgVectorEmbeddingStore(data, table, dimension), new PgLexicalIndex(data, table));
    }

    private PgPassageStore(PgVectorEmbeddingStore vectors, PgLexicalIndex words) {
        super(vectors, words);
        this.vectors = vectors;
    }

    @Override
    public void replace(String tenant, String assetId, List<Passage> passages, List<Embedding> embeddings) {
        vectors.replace(tenant, assetId, passages.stream().map(Passage::id).toList(), embeddings,
                passages.stream().map(PassageSegments::segment).toList());
    }

    /** Closes the connection pool, when the store was given one. */
    @Override
    public void close() throws Exception {
        vectors.close();
    }
}
