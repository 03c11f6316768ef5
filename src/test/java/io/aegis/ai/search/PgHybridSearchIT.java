package io.aegis.ai.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.aegis.ai.model.ExtractiveSummarizer;
import io.aegis.testsupport.PgliteServer;
import io.aegis.text.Sentences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HybridSearchContract} over the shared store, PostgreSQL with pgvector and full-text search (PGlite), a new
 * table per test; passages a store indexed before full-text search existed are found by their words; and the relevance
 * floor, calibrated with the in-process ranking, keeps the same answers and refuses the same non-answers here, on the
 * labelled queries of bench/quality whose answers are texts committed with it.
 */
class PgHybridSearchIT extends HybridSearchContract {

    static final Path DIR = Path.of("target", "pg-hybrid-search-it", UUID.randomUUID().toString());
    static final AtomicInteger TABLES = new AtomicInteger();

    static PgliteServer database;

    @BeforeAll
    static void startDatabase() {
        database = PgliteServer.start(DIR.resolve("db"), DIR.resolve("pglite.log"));
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Override
    PassageStore openStore() {
        return new PgPassageStore(pool(), "passages_" + TABLES.incrementAndGet(), 384);
    }

    @Test
    void passagesIndexedBeforeFullTextSearchExistedAreFoundByTheirWords() throws Exception {
        String table = "passages_before_" + TABLES.incrementAndGet();
        Passage old = new Passage(UUID.randomUUID().toString(), "local", "asset-cranes", "job-cranes", TextSource.TEXT,
                "The harbour cranes were repaired in March after the storm.", null, null, null);
        // The table as the vector-only store made it: no words column.
        try (var vectorsOnly = new PgVectorEmbeddingStore(pool(), table, 384)) {
            vectorsOnly.addAll(List.of(old.id()), List.of(model.embed(old.text()).content()),
                    List.of(PassageSegments.segment(old)));
        }
        try (var upgraded = new PgPassageStore(pool(), table, 384)) {
            assertThat(upgraded.lexicalHits("local", "crane repairs", 10)).extracting(h -> h.passage().assetId())
                    .containsExactly("asset-cranes");
            assertThat(upgraded.lexicalHits("other", "crane repairs", 10)).isEmpty();
        }
    }

    @Test
    void theRelevanceFloorSeparatesTheLabelledQueriesAsItDoesOnTheInProcessStore(@TempDir Path dir) throws Exception {
        LabelledSet set = LabelledSet.read();
        SearchProperties floor = properties(0.7, 0.67);
        try (var local = new LocalPassageStore(PersistedEmbeddingStore.open(dir.resolve("embeddings.json"), Duration.ZERO),
                new LuceneLexicalIndex(dir.resolve("lexical")));
             var shared = new PgPassageStore(pool(), "passages_labelled_" + TABLES.incrementAndGet(), 384)) {
            set.indexInto(new EmbeddingIndexer(model, local, floor, Sentences.english()));
            set.indexInto(new EmbeddingIndexer(model, shared, floor, Sentences.english()));
            HybridSearch inProcess = new HybridSearch(model, local, floor);
            HybridSearch postgres = new HybridSearch(model, shared, floor);

            Map<String, List<HybridSearch.Hit>> byLocal = new LinkedHashMap<>();
            Map<String, List<HybridSearch.Hit>> byPostgres = new LinkedHashMap<>();
            StringBuilder table = new StringBuilder("query | expected | in-process | pgvector\n");
            for (Map.Entry<String, List<String>> query : set.queries.entrySet()) {
                byLocal.put(query.getKey(), inProcess.search("local", query.getKey(), 10));
                byPostgres.put(query.getKey(), postgres.search("local", query.getKey(), 10));
                table.append(query.getKey()).append(" | ").append(query.getValue()).append(" | ")
                        .append(describe(byLocal.get(query.getKey()))).append(" | ")
                        .append(describe(byPostgres.get(query.getKey()))).append('\n');
            }
            System.out.println(table);

            for (Map.Entry<String, List<String>> query : set.queries.entrySet()) {
                List<HybridSearch.Hit> hits = byPostgres.get(query.getKey());
                // The floor sees the same evidence in both stores: the same cosine relevance, the same word coverage.
                assertThat(assets(hits)).as(query.getKey())
                        .containsExactlyInAnyOrderElementsOf(assets(byLocal.get(query.getKey())));
                if (query.getValue().isEmpty()) {
                    assertThat(hits).as("nothing answers '%s'", query.getKey()).isEmpty();
                } else {
                    assertThat(hits).as("'%s' is answered first", query.getKey()).isNotEmpty();
                    assertThat(query.getValue()).as("'%s' is answered first", query.getKey()).contains(hits.get(0).assetId());
                }
            }
        }
    }

    private static List<String> assets(List<HybridSearch.Hit> hits) {
        return hits.stream().map(HybridSearch.Hit::assetId).toList();
    }

    private static String describe(List<HybridSearch.Hit> hits) {
        return hits.isEmpty() ? "—" : String.join(", ", hits.stream().map(hit -> String.format(Locale.ROOT,
                "%s (meaning %.3f, words %.2f)", hit.assetId(), hit.meaning(), hit.words())).toList());
    }

    static HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setMaximumPoolSize(2);
        return pool;
    }

    /**
     * The part of bench/quality/labels.json whose answers are texts committed with it: the four text files, and the
     * reference texts of two recordings and two pictures standing in for their transcript and OCR text, each with the
     * summary the offline provider makes of it (as the pipeline indexes it). Its queries: those answered by these
     * files, and every query nothing in the set answers.
     */
    record LabelledSet(Map<String, List<AssetTexts.Part>> files, Map<String, List<String>> queries) {

        static final Path QUALITY = Path.of("bench", "quality");

        static LabelledSet read() throws IOException {
            ExtractiveSummarizer summarizer = new ExtractiveSummarizer(Sentences.english());
            Map<String, List<AssetTexts.Part>> files = new LinkedHashMap<>();
            for (String text : List.of("invoice-INV-2024-0042.txt", "invoice-INV-2024-0043.txt", "sourdough-notes.txt",
                    "cycling-club.txt")) {
                files.put(text, parts(summarizer, QUALITY.resolve("texts").resolve(text), TextSource.TEXT));
            }
            files.put("budget-memo.wav", parts(summarizer, QUALITY.resolve("budget-memo.txt"), TextSource.TRANSCRIPT));
            files.put("short-note.wav", parts(summarizer, QUALITY.resolve("short-note.txt"), TextSource.TRANSCRIPT));
            // Pictures get no summary (analyze-image describes them instead).
            files.put("notice-scan.png", List.of(new AssetTexts.Part(TextSource.OCR,
                    Files.readString(QUALITY.resolve("notice.txt")))));
            files.put("ledger-photo.jpg", List.of(new AssetTexts.Part(TextSource.OCR,
                    Files.readString(QUALITY.resolve("ledger.txt")))));

            Map<String, List<String>> queries = new LinkedHashMap<>();
            JsonNode labels = new ObjectMapper().readTree(QUALITY.resolve("labels.json").toFile());
            for (JsonNode query : labels.path("queries")) {
                List<String> expect = new ArrayList<>();
                query.path("expect").forEach(answer -> expect.add(answer.asText()));
                if (files.keySet().containsAll(expect)) {
                    queries.put(query.path("q").asText(), expect);
                }
            }
            return new LabelledSet(files, queries);
        }

        void indexInto(EmbeddingIndexer indexer) {
            files.forEach((file, parts) -> indexer.index(new AssetTexts("local", file, "job-" + file, parts)));
        }

        /** The text, and its summary when it is long enough to have one (aegis.ai.summary.min-words: 25). */
        private static List<AssetTexts.Part> parts(ExtractiveSummarizer summarizer, Path file, TextSource source)
                throws IOException {
            String text = Files.readString(file);
            if (text.split("\\s+").length < 25) {
                return List.of(new AssetTexts.Part(source, text));
            }
            return List.of(new AssetTexts.Part(source, text),
                    new AssetTexts.Part(TextSource.SUMMARY, String.join(" ", summarizer.summarize(text))));
        }
    }
}
