package io.aegis.ai.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import io.aegis.text.Sentences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process store with the real MiniLM model: persistence across instances, tenant filter, idempotent re-index. */
class PersistedEmbeddingStoreTest {

    static EmbeddingModel model;

    @TempDir
    Path dir;

    @TempDir
    Path lexical;

    private LuceneLexicalIndex words;

    @org.junit.jupiter.api.BeforeEach
    void openLexicalIndex() {
        words = new LuceneLexicalIndex(lexical);
    }

    @org.junit.jupiter.api.AfterEach
    void closeLexicalIndex() {
        words.close();
    }

    @BeforeAll
    static void loadModel() {
        model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @Test
    void aNewInstanceLoadsWhatTheLastOneSavedAndFindsTheSame() {
        Path file = dir.resolve("embeddings.json");
        List<String> before;
        try (PersistedEmbeddingStore store = PersistedEmbeddingStore.open(file, Duration.ofSeconds(10))) {
            indexer(store).index(texts("local", "a1", "Invoices are paid by bank transfer within thirty days."));
            indexer(store).index(texts("local", "a2", "The football team won the cup final on penalties."));
            before = assetIds(search(store, "local", "billing and payments"));
        }
        assertThat(file).exists();

        try (PersistedEmbeddingStore reopened = PersistedEmbeddingStore.open(file, Duration.ZERO)) {
            assertThat(assetIds(search(reopened, "local", "billing and payments"))).isEqualTo(before).containsExactly("a1", "a2");
        }
    }

    @Test
    void anIndexedAssetSurvivesAProcessThatNeverClosedTheStore() throws Exception {
        Path file = dir.resolve("embeddings.json");
        // A long save delay and no close(): what kill -9 leaves, right after the embed step returned.
        PersistedEmbeddingStore killed = PersistedEmbeddingStore.open(file, Duration.ofHours(1));
        indexer(killed).index(texts("local", "a1", "Invoices are paid by bank transfer within thirty days."));
        indexer(killed).index(texts("local", "a1", "Invoices are now paid by card on the day of purchase."));
        indexer(killed).index(texts("local", "a2", "The football team won the cup final on penalties."));
        // The process died while writing one more change: a torn last line.
        Files.writeString(PersistedEmbeddingStore.journalOf(file), "{\"op\":\"add\",\"entr", java.nio.file.StandardOpenOption.APPEND);

        try (PersistedEmbeddingStore restarted = PersistedEmbeddingStore.open(file, Duration.ZERO)) {
            List<EmbeddingMatch<TextSegment>> matches = search(restarted, "local", "paying for a purchase by card");
            assertThat(assetIds(matches)).containsExactly("a1", "a2");
            assertThat(matches.get(0).embedded().text()).contains("by card").doesNotContain("bank transfer");
        }
        // Opened again after the rewrite that close() made: the same, once each.
        try (PersistedEmbeddingStore again = PersistedEmbeddingStore.open(file, Duration.ZERO)) {
            assertThat(search(again, "local", "paying for a purchase by card")).hasSize(2);
        }
    }

    @Test
    void aSearchFilteredByTenantNeverReturnsAnotherTenantsChunks() {
        try (PersistedEmbeddingStore store = PersistedEmbeddingStore.open(dir.resolve("e.json"), Duration.ZERO)) {
            indexer(store).index(texts("local", "a1", "Invoices are paid by bank transfer within thirty days."));
            indexer(store).index(texts("other", "b1", "Our invoices and billing run every month."));

            List<EmbeddingMatch<TextSegment>> matches = search(store, "local", "invoices billing");

            assertThat(matches).isNotEmpty().allSatisfy(m -> assertThat(m.embedded().metadata().getString("tenant")).isEqualTo("local"));
            assertThat(search(store, "nobody", "invoices billing")).isEmpty();
        }
    }

    @Test
    void reIndexingAnAssetReplacesItsChunks() {
        try (PersistedEmbeddingStore store = PersistedEmbeddingStore.open(dir.resolve("e.json"), Duration.ZERO)) {
            AssetTexts texts = texts("local", "a1", "Invoices are paid by bank transfer within thirty days.");
            indexer(store).index(texts);
            indexer(store).index(texts);
            assertThat(search(store, "local", "invoices")).hasSize(1);

            indexer(store).index(new AssetTexts("local", "a1", "j-a1", List.of()));
            assertThat(search(store, "local", "invoices")).isEmpty();
        }
    }

    @Test
    void savesReplaceTheFileWholeAndLeaveNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("embeddings.json");
        try (PersistedEmbeddingStore store = PersistedEmbeddingStore.open(file, Duration.ZERO)) {
            indexer(store).index(texts("local", "a1", "First version of the text."));
            indexer(store).index(texts("local", "a1", "Second version of the text."));
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(Files.readString(file)).contains("Second version").doesNotContain("First version");
    }

    @Test
    void anUnreadableFileIsMovedAsideAndTheStoreStartsEmpty() throws Exception {
        Path file = dir.resolve("embeddings.json");
        Files.writeString(file, "{ not json");
        try (PersistedEmbeddingStore store = PersistedEmbeddingStore.open(file, Duration.ZERO)) {
            assertThat(search(store, "local", "anything")).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).anySatisfy(f -> assertThat(f.getFileName().toString()).startsWith("embeddings.json.unreadable-"));
        }
    }

    private EmbeddingIndexer indexer(PersistedEmbeddingStore store) {
        return new EmbeddingIndexer(model, new LocalPassageStore(store, words),
                new SearchProperties("offline", "memory", null, lexical, null, 250, 200_000, 0.7, 0.6, null), Sentences.english());
    }

    private static AssetTexts texts(String tenant, String assetId, String text) {
        return new AssetTexts(tenant, assetId, "j-" + assetId, List.of(new AssetTexts.Part(TextSource.TEXT, text)));
    }

    private static List<EmbeddingMatch<TextSegment>> search(PersistedEmbeddingStore store, String tenant, String query) {
        return store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed(query).content())
                .filter(MetadataFilterBuilder.metadataKey("tenant").isEqualTo(tenant))
                .maxResults(10)
                .build()).matches();
    }

    private static List<String> assetIds(List<EmbeddingMatch<TextSegment>> matches) {
        return matches.stream().map(m -> m.embedded().metadata().getString("assetId")).toList();
    }
}
