package io.aegis.ai.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
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

    private static EmbeddingIndexer indexer(PersistedEmbeddingStore store) {
        return new EmbeddingIndexer(model, store, new SearchProperties("offline", "memory", null, null, 250, 200_000, null));
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
