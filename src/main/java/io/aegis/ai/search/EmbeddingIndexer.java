package io.aegis.ai.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.aegis.ai.summary.TextChunker;
import io.aegis.text.Sentences;
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
 * Replaces an asset's passages in the passage store (vectors and words) with the passages of its current texts, each
 * embedded with the process's model. Passage ids are derived from the asset and position, so a redelivered or re-run
 * embed step overwrites rather than adds, and an interrupted run is overwritten by the next.
 */
@Component("embeddingIndexer")
public class EmbeddingIndexer implements Processor {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingIndexer.class);

    private final EmbeddingModel model;
    private final PassageStore store;
    private final TextChunker chunker;

    public EmbeddingIndexer(EmbeddingModel model, PassageStore store, SearchProperties search, Sentences sentences) {
        this.model = model;
        this.store = store;
        this.chunker = TextChunker.ofWords(search.chunkWords(), sentences);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        index(exchange.getMessage().getMandatoryBody(AssetTexts.class));
    }

    /** Returns how many passages the asset now has in the store. */
    public int index(AssetTexts texts) {
        long started = System.nanoTime();
        List<Passage> passages = passages(texts);
        List<Embedding> embeddings = passages.isEmpty() ? List.of()
                : model.embedAll(passages.stream().map(p -> TextSegment.from(p.text())).toList()).content();
        store.replace(texts.tenant(), texts.assetId(), passages, embeddings);
        log.info("Asset {} has {} indexed passages ({} ms)", texts.assetId(), passages.size(),
                (System.nanoTime() - started) / 1_000_000);
        return passages.size();
    }

    private List<Passage> passages(AssetTexts texts) {
        List<Passage> passages = new ArrayList<>();
        for (AssetTexts.Part part : texts.parts()) {
            for (String chunk : chunker.chunks(part.text())) {
                String id = UUID.nameUUIDFromBytes((texts.assetId() + "#" + passages.size()).getBytes(StandardCharsets.UTF_8))
                        .toString();
                passages.add(new Passage(id, texts.tenant(), texts.assetId(), texts.jobId(), part.source(), chunk,
                        part.page(), part.start(), part.end()));
            }
        }
        return passages;
    }
}
