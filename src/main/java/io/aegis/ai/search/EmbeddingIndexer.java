package io.aegis.ai.search;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Replaces an asset's entries in the vector store with the chunks of its current texts. The old entries
 * go first, so a redelivered or re-run embed step never leaves duplicates; ids are derived from the
 * asset and chunk number, so even an interrupted run is overwritten by the next.
 */
@Component("embeddingIndexer")
public class EmbeddingIndexer implements Processor {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingIndexer.class);

    private final EmbeddingModel model;
    private final EmbeddingStore<TextSegment> store;
    private final TextChunker chunker;

    public EmbeddingIndexer(EmbeddingModel model, EmbeddingStore<TextSegment> store, SearchProperties search) {
        this.model = model;
        this.store = store;
        this.chunker = new TextChunker(search.chunkWords());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        index(exchange.getMessage().getMandatoryBody(AssetTexts.class));
    }

    /** Returns how many chunks the asset now has in the store. */
    public int index(AssetTexts texts) {
        long started = System.nanoTime();
        List<TextSegment> segments = segments(texts);
        List<Embedding> embeddings = segments.isEmpty() ? List.of() : model.embedAll(segments).content();
        store.removeAll(MetadataFilterBuilder.metadataKey(SegmentMetadata.ASSET_ID).isEqualTo(texts.assetId()));
        if (!segments.isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < segments.size(); i++) {
                ids.add(UUID.nameUUIDFromBytes((texts.assetId() + "#" + i).getBytes(StandardCharsets.UTF_8)).toString());
            }
            store.addAll(ids, embeddings, segments);
        }
        log.info("Asset {} has {} embedded chunks ({} ms)", texts.assetId(), segments.size(),
                (System.nanoTime() - started) / 1_000_000);
        return segments.size();
    }

    private List<TextSegment> segments(AssetTexts texts) {
        List<TextSegment> segments = new ArrayList<>();
        for (AssetTexts.Part part : texts.parts()) {
            for (String chunk : chunker.chunks(part.text())) {
                Metadata metadata = new Metadata()
                        .put(SegmentMetadata.TENANT, texts.tenant())
                        .put(SegmentMetadata.ASSET_ID, texts.assetId())
                        .put(SegmentMetadata.JOB_ID, texts.jobId())
                        .put(SegmentMetadata.SOURCE, part.source().label());
                segments.add(TextSegment.from(chunk, metadata));
            }
        }
        return segments;
    }
}
