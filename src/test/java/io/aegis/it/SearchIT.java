package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.aegis.ai.search.PassageStore;
import io.aegis.platform.AegisHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Upload → ... → embed → GET /v1/search: meaning and words fused, one entry per asset with the passage that matched,
 * nothing below the relevance floor, never across tenants. Its own tenant ("searcher"), so it knows every candidate.
 */
class SearchIT extends PipelineTestSupport {

    static final String INVOICES = """
            Invoice INV-2024-0042 and how we bill.
            Our accounts team sends invoices to every customer on the first working day of the month.
            Each invoice lists the services used, the amount due and the payment terms.
            Payments are due within thirty days, by bank transfer or card.
            Customers who pay late receive a reminder, and after sixty days a late fee is added to the next bill.
            Questions about billing, refunds or a disputed charge go to the accounts team.
            """;

    static final String FERRY_INVOICE = """
            Invoice INV-2024-0043. Billed to the Fjordbris Ferry Company, Stavanger.
            Annual safety inspection of the passenger ferry and service of six inflatable life rafts.
            Amount due: 27,900 NOK including VAT.
            """;

    static final String FOOTBALL = """
            The home side won the derby two goals to one after a tense second half.
            Their striker scored with a header from a corner, and the goalkeeper saved a penalty late on.
            The coach praised the defence and said the team is ready for the cup semi-final next week.
            Supporters sang in the stands long after the final whistle.
            """;

    @Autowired
    ProducerTemplate camel;

    @Autowired
    PassageStore store;

    @Autowired
    EmbeddingModel model;

    // Uploaded once for the class: JUnit makes a new instance per test.
    static String token;
    static JsonNode invoices;
    static JsonNode ferryInvoice;
    static JsonNode football;

    // Not @BeforeAll: it would need a static method, and the HTTP client is an instance field.
    @BeforeEach
    void uploadBothTextsOnce() {
        if (invoices != null) {
            return;
        }
        token = token("aegis-search", READ_WRITE);
        String invoicesJob = uploadAccepted(token, "invoices.txt", INVOICES.getBytes(StandardCharsets.UTF_8));
        String ferryJob = uploadAccepted(token, "ferry-invoice.txt", FERRY_INVOICE.getBytes(StandardCharsets.UTF_8));
        String footballJob = uploadAccepted(token, "derby.txt", FOOTBALL.getBytes(StandardCharsets.UTF_8));
        invoices = awaitTerminal(token, invoicesJob);
        ferryInvoice = awaitTerminal(token, ferryJob);
        football = awaitTerminal(token, footballJob);
    }

    @Test
    void bothJobsEndWithASucceededEmbedStep() {
        for (JsonNode job : List.of(invoices, ferryInvoice, football)) {
            assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(stepStatus(job, "embed")).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void latePaymentFindsTheInvoicesTextFirstWithThePassageThatMatched() {
        List<JsonNode> items = items(getJson(token, "/v1/search?q=" + java.net.URLEncoder.encode("late payment fees", StandardCharsets.UTF_8) + "&limit=50"));

        List<String> ids = assetIds(items);
        assertThat(ids).doesNotHaveDuplicates();
        JsonNode best = items.get(0);
        assertThat(best.path("assetId").asText()).isEqualTo(assetId(invoices));
        assertThat(best.path("jobId").asText()).isEqualTo(invoices.path("jobId").asText());
        assertThat(best.path("filename").asText()).isEqualTo("invoices.txt");
        assertThat(best.path("mediaType").asText()).isEqualTo("text");
        assertThat(best.path("source").asText()).isIn("text", "summary");
        assertThat(best.path("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(best.path("matchedBy")).isNotEmpty();
        // The snippet is the passage that matched: text of the document, around the words asked for.
        assertThat(INVOICES.replaceAll("\\s+", " ")).contains(best.path("snippet").asText().replace("…", ""));
        assertThat(best.path("snippet").asText()).containsIgnoringCase("late");
        // The football report has nothing to do with it: below the relevance floor, so not a result at all.
        assertThat(ids).doesNotContain(assetId(football));
    }

    @Test
    void anUnrelatedQueryReturnsNoHits() {
        for (String query : List.of("divorce lawyer", "volcano eruption", "knitting a wool sweater")) {
            assertThat(items(getJson(token, "/v1/search?q=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8))))
                    .as(query).isEmpty();
        }
    }

    @Test
    void anExactInvoiceNumberIsFound() {
        List<JsonNode> items = items(getJson(token, "/v1/search?q=INV-2024-0043"));

        assertThat(items).isNotEmpty();
        assertThat(items.get(0).path("assetId").asText()).isEqualTo(assetId(ferryInvoice));
        assertThat(items.get(0).path("snippet").asText()).contains("INV-2024-0043");
        assertThat(texts(items.get(0).path("matchedBy"))).contains("words");
        assertThat(items.get(0).path("words").asDouble()).isEqualTo(1.0);
        assertThat(assetIds(items)).doesNotContain(assetId(football));
    }

    @Test
    void anotherTenantFindsNeitherAsset() {
        String otherToken = token("aegis-other", READ_WRITE);
        List<String> ids = assetIds(items(getJson(otherToken, "/v1/search?q=billing&limit=50")));

        assertThat(ids).doesNotContain(assetId(invoices), assetId(football));
    }

    @Test
    void aTenantSentByTheClientIsIgnored() {
        var headers = bearer(token("aegis-other", READ_WRITE));
        headers.set(AegisHeaders.TENANT, "searcher");
        ResponseEntity<String> response = http.exchange("/v1/search?q=billing&limit=50&aegis.tenant=searcher",
                org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(headers), String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(assetIds(items(read(response.getBody())))).doesNotContain(assetId(invoices), assetId(football));
    }

    @Test
    void limitCapsTheAssetsReturned() {
        assertThat(items(getJson(token, "/v1/search?q=invoice&limit=50"))).hasSizeGreaterThan(1);
        assertThat(items(getJson(token, "/v1/search?q=invoice&limit=1"))).hasSize(1);
    }

    @Test
    void aMissingBlankOrOverlongQueryOrABadLimitIs400() {
        for (String path : List.of("/v1/search", "/v1/search?q=", "/v1/search?q=" + "a".repeat(501),
                "/v1/search?q=billing&limit=0", "/v1/search?q=billing&limit=51", "/v1/search?q=billing&limit=ten")) {
            ResponseEntity<String> response = get(token, path);
            assertThat(response.getStatusCode().value()).as(path).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(path).hasToString("application/problem+json");
            assertThat(read(response.getBody()).path("status").asInt()).isEqualTo(400);
        }
    }

    @Test
    void theOpenApiDocumentListsSearchWithItsQuery() {
        JsonNode search = read(get(null, "/v1/openapi.json").getBody()).path("paths").path("/v1/search").path("get");

        assertThat(search.isMissingNode()).isFalse();
        assertThat(search.path("parameters").findValuesAsText("name")).contains("q", "limit");
    }

    @Test
    void searchNeedsAToken() {
        assertThat(get(null, "/v1/search?q=billing").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void runningEmbedAgainReplacesTheAssetsChunksInsteadOfAddingMore() {
        String assetId = assetId(invoices);
        int before = chunksOf(assetId);
        int beforeByWords = chunksByWordsOf(assetId);
        assertThat(before).isPositive();
        assertThat(beforeByWords).isPositive();

        camel.sendBodyAndHeaders("direct:step-embed", null, Map.of(AegisHeaders.ASSET_ID, assetId,
                AegisHeaders.JOB_ID, invoices.path("jobId").asText(), AegisHeaders.TENANT, "searcher"));

        assertThat(chunksOf(assetId)).isEqualTo(before);
        assertThat(chunksByWordsOf(assetId)).isEqualTo(beforeByWords);
    }

    // Every passage of the tenant is a vector candidate: count the asset's.
    private int chunksOf(String assetId) {
        return (int) store.vectorHits("searcher", model.embed("invoices").content(), 1000).stream()
                .filter(hit -> assetId.equals(hit.passage().assetId())).count();
    }

    private int chunksByWordsOf(String assetId) {
        return (int) store.lexicalHits("searcher", "invoice", 1000).stream()
                .filter(hit -> assetId.equals(hit.passage().assetId())).count();
    }

    private static String assetId(JsonNode job) {
        return job.path("assetId").asText();
    }

    private static List<JsonNode> items(JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        body.path("items").forEach(items::add);
        return items;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static List<String> assetIds(List<JsonNode> items) {
        return items.stream().map(item -> item.path("assetId").asText()).toList();
    }
}
