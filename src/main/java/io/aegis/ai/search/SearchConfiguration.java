package io.aegis.ai.search;

import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.aegis.platform.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one embedding model and the one vector store of the process, both chosen by configuration: the in-process store
 * saved to a file (one process), or PostgreSQL with pgvector shared by every process (split roles, AWS).
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    public static final String OFFLINE = "offline";
    public static final String MEMORY = "memory";
    public static final String PGVECTOR = "pgvector";

    /** Loaded once (≈1.4 s, ONNX in-process) and shared: it is thread-safe. */
    @Bean
    EmbeddingModel embeddingModel(SearchProperties search) {
        if (!OFFLINE.equals(search.embeddingProvider())) {
            throw new IllegalStateException("aegis.search.embedding-provider=" + search.embeddingProvider()
                    + " is not available in this build; use '" + OFFLINE + "'");
        }
        return new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /** Closed at shutdown through its own close() (Spring infers it): the file is saved, or the connections closed. */
    @Bean
    EmbeddingStore<TextSegment> embeddingStore(SearchProperties search, Roles roles) {
        if (PGVECTOR.equals(search.store())) {
            var db = search.pgvector();
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(db.url());
            pool.setUsername(db.username());
            pool.setPassword(db.password());
            pool.setMaximumPoolSize(db.poolSize());
            // Connections only while used: processes without the api or ai role never search or embed.
            pool.setMinimumIdle(0);
            pool.setPoolName("search-db");
            return new PgVectorEmbeddingStore(pool, db.table(), db.dimension());
        }
        if (!MEMORY.equals(search.store())) {
            throw new IllegalStateException("aegis.search.store=" + search.store() + " is unknown; use '" + MEMORY
                    + "' (one process) or '" + PGVECTOR + "'");
        }
        // The ai role writes the index, the api role reads it: in separate processes each would see only its own file.
        if (roles.has(Roles.API) != roles.has(Roles.AI)) {
            throw new IllegalStateException("aegis.search.store=" + MEMORY + " keeps the search index in this process, "
                    + "but the api and ai roles run in different processes: search would never find anything. Set "
                    + "aegis.search.store=" + PGVECTOR + " (AEGIS_SEARCH_STORE) with a shared PostgreSQL database.");
        }
        return PersistedEmbeddingStore.open(search.storeFile(), search.saveDelay());
    }
}
