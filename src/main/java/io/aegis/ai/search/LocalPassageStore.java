package io.aegis.ai.search;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import java.util.List;

/**
 * The in-process {@link PassageStore}: vectors in the LangChain4j store ({@link PersistedEmbeddingStore}, tenant as a
 * filter of the query itself) and words in a Lucene index per tenant ({@link LuceneLexicalIndex}). One process only.
 */
public final class LocalPassageStore implements PassageStore, AutoCloseable {

    private final EmbeddingStore<TextSegment> vectors;
    private final LuceneLexicalIndex words;

    LocalPassageStore(EmbeddingStore<TextSegment> vectors, LuceneLexicalIndex words) {
        this.vectors = vectors;
        this.words = words;
    }

    @Override
    public void replace(String tenant, String assetId, List<Passage> passages, List<Embedding> embeddings) {
        vectors.removeAll(MetadataFilterBuilder.metadataKey(SegmentMetadata.ASSET_ID).isEqualTo(assetId));
        if (!passages.isEmpty()) {
            vectors.addAll(passages.stream().map(Passage::id).toList(), embeddings,
                    passages.stream().map(LocalPassageStore::segment).toList());
        }
        words.replace(tenant, assetId, passages);
    }

    @Override
    public List<PassageHit> vectorHits(String tenant, Embedding query, int max) {
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                .queryEmbedding(query)
                .filter(MetadataFilterBuilder.metadataKey(SegmentMetadata.TENANT).isEqualTo(tenant))
                .maxResults(max)
                .minScore(0.0)
                .build();
        return vectors.search(request).matches().stream().map(LocalPassageStore::hit).toList();
    }

    @Override
    public List<PassageHit> lexicalHits(String tenant, String query, int max) {
        return words.search(tenant, query, max);
    }

    @Override
    public void close() {
        words.close();
    }

    static TextSegment segment(Passage passage) {
        Metadata metadata = new Metadata()
                .put(SegmentMetadata.TENANT, passage.tenant())
                .put(SegmentMetadata.ASSET_ID, passage.assetId())
                .put(SegmentMetadata.SOURCE, passage.source().label());
        if (passage.jobId() != null) {
            metadata.put(SegmentMetadata.JOB_ID, passage.jobId());
        }
        if (passage.page() != null) {
            metadata.put(SegmentMetadata.PAGE, passage.page());
        }
        if (passage.start() != null) {
            metadata.put(SegmentMetadata.START, passage.start());
            metadata.put(SegmentMetadata.END, passage.end() == null ? passage.start() : passage.end());
        }
        return TextSegment.from(passage.text(), metadata);
    }

    private static PassageHit hit(EmbeddingMatch<TextSegment> match) {
        Metadata metadata = match.embedded().metadata();
        Passage passage = new Passage(match.embeddingId(), metadata.getString(SegmentMetadata.TENANT),
                metadata.getString(SegmentMetadata.ASSET_ID), metadata.getString(SegmentMetadata.JOB_ID),
                TextSource.of(metadata.getString(SegmentMetadata.SOURCE)), match.embedded().text(),
                metadata.getInteger(SegmentMetadata.PAGE), metadata.getDouble(SegmentMetadata.START),
                metadata.getDouble(SegmentMetadata.END));
        return new PassageHit(passage, match.score());
    }
}
