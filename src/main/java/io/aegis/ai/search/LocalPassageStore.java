package io.aegis.ai.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import java.util.List;

/**
 * The in-process {@link PassageStore}: vectors in the LangChain4j store ({@link PersistedEmbeddingStore}, tenant as a
 * filter of the query itself) and words in a Lucene index per tenant ({@link LuceneLexicalIndex}). One process only.
 * Closing it closes both (the vectors are saved).
 */
public final class LocalPassageStore extends VectorAndLexicalStore {

    private final EmbeddingStore<TextSegment> vectors;
    private final LuceneLexicalIndex words;

    LocalPassageStore(EmbeddingStore<TextSegment> vectors, LuceneLexicalIndex words) {
        super(vectors, words);
        this.vectors = vectors;
        this.words = words;
    }

    @Override
    public void replace(String tenant, String assetId, List<Passage> passages, List<Embedding> embeddings) {
        vectors.removeAll(MetadataFilterBuilder.metadataKey(SegmentMetadata.ASSET_ID).isEqualTo(assetId));
        if (!passages.isEmpty()) {
            vectors.addAll(passages.stream().map(Passage::id).toList(), embeddings,
                    passages.stream().map(PassageSegments::segment).toList());
        }
        words.replace(tenant, assetId, passages);
    }

    @Override
    public void close() throws Exception {
        try {
            words.close();
        } finally {
            if (vectors instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
