package io.aegis.ai.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.aegis.testsupport.PgliteServer;
import io.aegis.text.Sentences;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared search store on a real PostgreSQL with pgvector and full-text search (PGlite): what one process (the ai
 * worker) indexes, another (the api), opening the store on its own, finds by meaning and by words; only within the
 * caller's tenant; re-indexing an asset replaces its passages; and the index is still there after the database server
 * restarts.
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
            var indexer = new EmbeddingIndexer(model, ai, properties(), Sentences.english());
            indexer.index(texts("local", "asset-harbour", "The harbour cranes were repaired in March after the storm."));
            indexer.index(texts("local", "asset-orchard", "The orchard needs new irrigation pipes before summer."));
            indexer.index(texts("other", "asset-other", "Harbour cranes of another tenant, also repaired in March."));
            // Indexed again: replaced, not doubled.
            indexer.index(texts("local", "asset-harbour", "The harbour cranes were repaired in March after the storm."));
        }
        try (var api = store()) {
            // With the relevance floor off every passage of the tenant is a candidate, best first.
            var hits = search(api, 0).search("local", "crane repairs at the harbour", 10);
            assertThat(hits).extracting(HybridSearch.Hit::assetId).containsExactly("asset-harbour", "asset-orchard");
            assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
            assertThat(hits.get(0).matchedBy()).containsExactlyInAnyOrder("meaning", "words");
            assertThat(search(api, 0).search("other", "crane repairs", 10))
                    .extracting(HybridSearch.Hit::assetId).containsExactly("asset-other");
            assertThat(api.lexicalHits("local", "harbour cranes", 10)).extracting(h -> h.passage().assetId())
                    .containsExactly("asset-harbour");
        }
        database.close();
        database = PgliteServer.start(DIR.resolve("db"), DIR.resolve("pglite-restarted.log"));
        try (var api = store()) {
            assertThat(search(api, 0.7).search("local", "crane repairs at the harbour", 10))
                    .extracting(HybridSearch.Hit::assetId).containsExactly("asset-harbour");
        }
    }

    private HybridSearch search(PassageStore store, double floor) {
        return new HybridSearch(model, store, new SearchProperties("offline", "pgvector", null, null, null, 100, 200_000,
                floor, floor, null));
    }

    private PgPassageStore store() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setMaximumPoolSize(2);
        return new PgPassageStore(pool, "aegis_embeddings", 384);
    }

    private static SearchProperties properties() {
        return new SearchProperties("offline", "pgvector", null, null, null, 100, 200_000, 0.7, 0.67, null);
    }

    private static AssetTexts texts(String tenant, String assetId, String text) {
        return new AssetTexts(tenant, assetId, "job-" + assetId, List.of(new AssetTexts.Part(TextSource.TEXT, text)));
    }
}
