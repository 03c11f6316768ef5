package io.aegis.ai.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one embedding model and the one passage store of the process. Both are chosen by configuration, so a provider's
 * embedding model or a shared store (PostgreSQL with pgvector and full-text search) can replace the offline defaults
 * here alone.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    public static final String OFFLINE = "offline";
    public static final String MEMORY = "memory";

    /** Loaded once (≈1.4 s, ONNX in-process) and shared: it is thread-safe. */
    @Bean
    EmbeddingModel embeddingModel(SearchProperties search) {
        if (!OFFLINE.equals(search.embeddingProvider())) {
            throw new IllegalStateException("aegis.search.embedding-provider=" + search.embeddingProvider()
                    + " is not available in this build; use '" + OFFLINE + "'");
        }
        return new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @Bean(destroyMethod = "close")
    PersistedEmbeddingStore embeddingStore(SearchProperties search) {
        if (!MEMORY.equals(search.store())) {
            throw new IllegalStateException("aegis.search.store=" + search.store()
                    + " is not available in this build; use '" + MEMORY + "'");
        }
        return PersistedEmbeddingStore.open(search.storeFile(), search.saveDelay());
    }

    @Bean(destroyMethod = "close")
    LocalPassageStore passageStore(PersistedEmbeddingStore embeddingStore, SearchProperties search) {
        return new LocalPassageStore(embeddingStore, new LuceneLexicalIndex(search.lexicalDir()));
    }
}
