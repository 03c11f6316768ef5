package io.aegis.ai.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.aegis.testsupport.PgliteServer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared search store on a real PostgreSQL with pgvector (PGlite): what one process (the ai worker) indexes,
 * another (the api), opening the store on its own, finds; only within the caller's tenant; re-indexing an asset
 * replaces its chunks; and the index is still there after the database server restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgVectorEmbeddingStoreIT {

    static final Path DIR = Path.of("target", "pgvector-it", UUID.randomUUID().toString());

    EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    PgliteServer database;

    @BeforeAll
    void start() {
        database = PgliteServer.start(DIR.resolve("db"), DIR.resolve("pglite.log"));
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    void anotherProcessFindsWhatOneIndexedWithinItsTenantAndAfterARestart() throws Exception {
        try (var ai = store()) {
            var indexer = new EmbeddingIndexer(model, ai, properties());
            indexer.index(texts("local", "asset-harbour", "The harbour cranes were repaired in March after the storm."));
            indexer.index(texts("local", "asset-orchard", "The orchard needs new irrigation pipes before summer."));
            indexer.index(texts("other", "asset-other", "Harbour cranes of another tenant, also repaired in March."));
            // Indexed again: replaced, not doubled.
            indexer.index(texts("local", "asset-harbour", "The harbour cranes were repaired in March after the storm."));
        }
        try (var api = store()) {
            var hits = new SemanticSearch(model, api).search("local", "crane repairs at the harbour", 10);
            assertThat(hits).extracting(SemanticSearch.Hit::assetId).containsExactly("asset-harbour", "asset-orchard");
            assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
            assertThat(new SemanticSearch(model, api).search("other", "crane repairs", 10))
                    .extracting(SemanticSearch.Hit::assetId).containsExactly("asset-other");
        }
        database.close();
        database = PgliteServer.start(DIR.resolve("db"), DIR.resolve("pglite-restarted.log"));
        try (var api = store()) {
            assertThat(new SemanticSearch(model, api).search("local", "crane repairs at the harbour", 1))
                    .extracting(SemanticSearch.Hit::assetId).containsExactly("asset-harbour");
        }
    }

    private PgVectorEmbeddingStore store() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setMaximumPoolSize(2);
        return new PgVectorEmbeddingStore(pool, "aegis_embeddings", 384);
    }

    private static SearchProperties properties() {
        return new SearchProperties("offline", "pgvector", null, null, 250, 200_000, null);
    }

    private static AssetTexts texts(String tenant, String assetId, String text) {
        return new AssetTexts(tenant, assetId, "job-" + assetId, List.of(new AssetTexts.Part(TextSource.TEXT, text)));
    }
}
