package io.aegis.ai.search;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import java.util.List;

/**
 * A {@link Passage} as a vector store keeps it (a LangChain4j {@link TextSegment} with {@link SegmentMetadata}) and
 * back, and the tenant's nearest passages from such a store: what the in-process and the PostgreSQL stores share.
 */
final class PassageSegments {

    private PassageSegments() {
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

    static Passage passage(String id, TextSegment segment) {
        Metadata metadata = segment.metadata();
        return new Passage(id, metadata.getString(SegmentMetadata.TENANT), metadata.getString(SegmentMetadata.ASSET_ID),
                metadata.getString(SegmentMetadata.JOB_ID), TextSource.of(metadata.getString(SegmentMetadata.SOURCE)),
                segment.text(), metadata.getInteger(SegmentMetadata.PAGE), metadata.getDouble(SegmentMetadata.START),
                metadata.getDouble(SegmentMetadata.END));
    }

    /** The tenant's passages nearest {@code query} in meaning, best first (the tenant is a filter of the query itself). */
    static List<PassageHit> nearest(EmbeddingStore<TextSegment> vectors, String tenant, Embedding query, int max) {
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                .queryEmbedding(query)
                .filter(MetadataFilterBuilder.metadataKey(SegmentMetadata.TENANT).isEqualTo(tenant))
                .maxResults(max)
                .minScore(0.0)
                .build();
        return vectors.search(request).matches().stream()
                .map(match -> new PassageHit(passage(match.embeddingId(), match.embedded()), match.score()))
                .toList();
    }
}
