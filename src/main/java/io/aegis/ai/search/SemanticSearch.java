package io.aegis.ai.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Finds a tenant's assets whose texts mean something close to a query. The tenant is a filter of the
 * store query itself, so another tenant's chunks are never even candidates; hits are grouped per asset,
 * each keeping its best chunk.
 */
@Component
public class SemanticSearch {

    static final int SNIPPET_CHARS = 240;
    /** Chunks fetched per asset wanted: one asset may own many of the best chunks. */
    private static final int CHUNKS_PER_ASSET = 10;
    private static final int MAX_CHUNKS = 500;

    private final EmbeddingModel model;
    private final EmbeddingStore<TextSegment> store;

    public SemanticSearch(EmbeddingModel model, EmbeddingStore<TextSegment> store) {
        this.model = model;
        this.store = store;
    }

    /** At most {@code limit} of the tenant's assets, best first. */
    public List<Hit> search(String tenant, String query, int limit) {
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed(query).content())
                .filter(MetadataFilterBuilder.metadataKey(SegmentMetadata.TENANT).isEqualTo(tenant))
                .maxResults(Math.min(MAX_CHUNKS, limit * CHUNKS_PER_ASSET))
                .minScore(0.0)
                .build();
        Map<String, Hit> bestPerAsset = new LinkedHashMap<>();
        for (EmbeddingMatch<TextSegment> match : store.search(request).matches()) {
            Hit hit = Hit.of(match);
            bestPerAsset.merge(hit.assetId(), hit, (kept, other) -> other.score() > kept.score() ? other : kept);
        }
        return bestPerAsset.values().stream()
                .sorted(Comparator.comparingDouble(Hit::score).reversed())
                .limit(limit)
                .toList();
    }

    /** One asset's best chunk: its relevance (0..1, higher is closer), text and source. */
    public record Hit(String assetId, String jobId, String tenant, double score, String snippet, String source) {

        static Hit of(EmbeddingMatch<TextSegment> match) {
            var metadata = match.embedded().metadata();
            return new Hit(metadata.getString(SegmentMetadata.ASSET_ID), metadata.getString(SegmentMetadata.JOB_ID),
                    metadata.getString(SegmentMetadata.TENANT), match.score(), snippet(match.embedded().text()),
                    metadata.getString(SegmentMetadata.SOURCE));
        }

        private static String snippet(String text) {
            if (text.length() <= SNIPPET_CHARS) {
                return text;
            }
            int cut = text.lastIndexOf(' ', SNIPPET_CHARS);
            if (cut <= 0) {
                // One long word: cut it, but never between the halves of a surrogate pair.
                cut = Character.isHighSurrogate(text.charAt(SNIPPET_CHARS - 1)) ? SNIPPET_CHARS - 1 : SNIPPET_CHARS;
            }
            return text.substring(0, cut) + "…";
        }
    }
}
