package io.aegis.ai.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.aegis.text.Sentences;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What hybrid search promises over any {@link PassageStore}, with the real MiniLM model: fusion, the relevance floor,
 * exact numbers, snippets with their page or time, and tenants kept apart on both sides. Run over the in-process store
 * ({@link HybridSearchTest}) and over PostgreSQL ({@link PgHybridSearchIT}).
 */
abstract class HybridSearchContract {

    static final String INVOICE_42 = """
            Invoice INV-2024-0042. Billed to Nordlys Marine Supplies, Bergen. Hull inspection of the fishing vessel Kystvakt
            and replacement of two zinc anodes. Amount due 18,450 NOK. Late payment incurs interest after the due date.""";
    static final String INVOICE_43 = """
            Invoice INV-2024-0043. Billed to Fjordbris Ferry Company, Stavanger. Annual safety inspection of the passenger
            ferry and service of six inflatable life rafts. Amount due 27,900 NOK.""";
    static final String BREAD = """
            Feed the sourdough starter the evening before. Mix it with flour, water and salt, fold the dough four times,
            shape the loaf and bake it in a hot covered pot until the crust is dark brown.""";

    static EmbeddingModel model;

    PassageStore store;
    EmbeddingIndexer indexer;

    /** A new, empty store for each test. */
    abstract PassageStore openStore() throws Exception;

    @BeforeAll
    static void loadModel() {
        model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @BeforeEach
    void indexTheInvoicesAndTheBread() throws Exception {
        store = openStore();
        indexer = new EmbeddingIndexer(model, store, properties(0.7, 0.67), Sentences.english());
        index("local", "inv42", part(INVOICE_42));
        index("local", "inv43", part(INVOICE_43));
        index("local", "bread", part(BREAD));
    }

    @AfterEach
    void closeStore() throws Exception {
        ((AutoCloseable) store).close();
    }

    @Test
    void anUnrelatedQueryReturnsNothing() {
        for (String query : List.of("football match result", "divorce lawyer", "volcano eruption", "knitting a wool sweater")) {
            assertThat(search(0.7, 0.67).search("local", query, 10)).as(query).isEmpty();
        }
    }

    @Test
    void withoutAFloorTheSameQueryReturnsEverything() {
        // The floor is what keeps them out: the stores always have nearest neighbours to offer.
        assertThat(search(0.0, 0.0).search("local", "football match result", 10)).hasSize(3);
    }

    @Test
    void anExactInvoiceNumberFindsThatInvoiceFirst() {
        List<HybridSearch.Hit> hits = search(0.7, 0.67).search("local", "INV-2024-0042", 10);

        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).assetId()).isEqualTo("inv42");
        assertThat(hits.get(0).matchedBy()).contains("words");
        assertThat(hits.get(0).snippet()).contains("INV-2024-0042");
        assertThat(hits).extracting(HybridSearch.Hit::assetId).doesNotContain("bread");
    }

    @Test
    void theWordsOfANumberAreFoundAsLuceneSplitsThem() {
        // inv, 2024 and 0042: the whole number ranks its invoice first, a part of it finds that part alone.
        assertThat(store.lexicalHits("local", "INV-2024-0042", 50)).extracting(h -> h.passage().assetId())
                .containsExactly("inv42", "inv43");
        assertThat(store.lexicalHits("local", "0042", 50)).extracting(h -> h.passage().assetId()).containsExactly("inv42");
        assertThat(store.lexicalHits("local", "2024/0043", 50)).extracting(h -> h.passage().assetId())
                .containsExactly("inv43", "inv42");
    }

    @Test
    void aQueryInOtherWordsIsFoundByMeaning() {
        List<HybridSearch.Hit> hits = search(0.7, 0.67).search("local", "how long to bake bread", 10);

        assertThat(hits).extracting(HybridSearch.Hit::assetId).containsExactly("bread");
        assertThat(hits.get(0).matchedBy()).contains("meaning");
        assertThat(hits.get(0).score()).isBetween(0.0, 1.0);
    }

    @Test
    void theSnippetIsThePassageThatMatchedWithItsPageOrTime() {
        String filler = "The council met again to discuss the harbour and its boats. ".repeat(30);
        index("local", "report", new AssetTexts.Part(TextSource.TEXT, filler, 1, null, null),
                new AssetTexts.Part(TextSource.TEXT, "A new cold-storage plant will keep the catch fresh until prices recover.", 2, null, null));
        index("local", "talk", new AssetTexts.Part(TextSource.TRANSCRIPT, "welcome everyone to the meeting", null, 0.0, 4.0),
                new AssetTexts.Part(TextSource.TRANSCRIPT, "the travel budget covers train tickets but not flights", null, 12.5, 18.0));

        HybridSearch.Hit plant = search(0.7, 0.67).search("local", "cold-storage plant", 10).get(0);
        assertThat(plant.assetId()).isEqualTo("report");
        assertThat(plant.page()).isEqualTo(2);
        assertThat(plant.snippet()).isEqualTo("A new cold-storage plant will keep the catch fresh until prices recover.");

        HybridSearch.Hit tickets = search(0.7, 0.67).search("local", "train tickets instead of flights", 10).get(0);
        assertThat(tickets.assetId()).isEqualTo("talk");
        assertThat(tickets.start()).isEqualTo(12.5);
        assertThat(tickets.end()).isEqualTo(18.0);
        assertThat(tickets.snippet()).contains("train tickets");
    }

    @Test
    void anotherTenantsPassagesAreNeverCandidatesOnEitherSide() {
        index("other", "secret", part("Invoice INV-2024-0042 was paid in full by the other tenant's customer."));

        assertThat(store.lexicalHits("local", "INV-2024-0042 paid", 50)).extracting(h -> h.passage().tenant()).containsOnly("local");
        assertThat(search(0.0, 0.0).search("local", "INV-2024-0042 paid in full", 50))
                .extracting(HybridSearch.Hit::assetId).doesNotContain("secret");
        assertThat(search(0.0, 0.0).search("nobody", "INV-2024-0042", 50)).isEmpty();
    }

    @Test
    void reindexingAnAssetReplacesItsPassagesOnBothSidesAndNoTextRemovesIt() {
        index("local", "inv42", part("Invoice INV-2024-0042 was cancelled and replaced by a credit note."));

        assertThat(store.lexicalHits("local", "Kystvakt anodes", 50)).isEmpty();
        assertThat(store.lexicalHits("local", "credit note", 50)).extracting(h -> h.passage().assetId()).containsExactly("inv42");
        assertThat(store.vectorHits("local", model.embed("credit note").content(), 50))
                .filteredOn(h -> h.passage().assetId().equals("inv42")).hasSize(1);

        indexer.index(new AssetTexts("local", "inv42", "job-inv42", List.of()));

        assertThat(store.lexicalHits("local", "credit note", 50)).isEmpty();
        assertThat(store.vectorHits("local", model.embed("credit note").content(), 50))
                .extracting(h -> h.passage().assetId()).containsOnly("inv43", "bread");
    }

    @Test
    void queryOperatorsAndStopWordsAreJustText() {
        // Neither Lucene's query syntax nor PostgreSQL's tsquery syntax: the words are looked up, the rest ignored.
        assertThat(store.lexicalHits("local", "late & (payment) | !interest:* 'due' \\ \"NOK\"", 50))
                .extracting(h -> h.passage().assetId()).first().isEqualTo("inv42");
        assertThat(store.lexicalHits("local", "the of and", 50)).isEmpty();
        assertThat(search(0.7, 0.67).search("local", "the of and", 10)).isEmpty();
    }

    HybridSearch search(double minMeaning, double minWords) {
        return new HybridSearch(model, store, properties(minMeaning, minWords));
    }

    void index(String tenant, String assetId, AssetTexts.Part... parts) {
        indexer.index(new AssetTexts(tenant, assetId, "job-" + assetId, List.of(parts)));
    }

    static AssetTexts.Part part(String text) {
        return new AssetTexts.Part(TextSource.TEXT, text);
    }

    static SearchProperties properties(double minMeaning, double minWords) {
        return new SearchProperties("offline", "memory", null, null, null, 100, 200_000, minMeaning, minWords, null);
    }
}
