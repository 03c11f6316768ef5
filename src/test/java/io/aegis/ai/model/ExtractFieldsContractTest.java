package io.aegis.ai.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.aegis.routefiles.RouteFileParser;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.ErrorCode;
import io.aegis.state.Insights;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.StepFailure;
import io.aegis.steps.StepCatalog;
import io.aegis.steps.StepDeclarationReader;
import io.aegis.steps.StepInsightRecorder;
import io.aegis.text.Sentences;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The extract-fields step exactly as shipped (routes/steps/extract-fields.yaml, parsed by the route-file parser) asking
 * the real LangChain4j OpenAI model through camel-langchain4j-chat, against recorded chat-completions exchanges
 * replayed by WireMock: a valid answer becomes the insight, checked against the step file's schema; a near miss gets one
 * repair turn; a second miss fails the step with MODEL_ANSWER_INVALID. The document's text is served by a stand-in for
 * the processed bucket (the whole-pipeline path is DeclaredStepsIT's); recording the insight is a mock endpoint.
 */
class ExtractFieldsContractTest {

    static final String INVOICE = "ACME Tools Ltd. Invoice no. 1042. Date: 1 March 2024. Total due: 118.50 EUR.";

    private WireMockServer server;
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        AnsweredBy.clear();
        AiProperties ai = TestAiProperties.of("openai", server.baseUrl() + "/v1", Duration.ofSeconds(5), 0, false,
                TestAiProperties.lenientBreaker());
        ModelIdentity vision = new ModelIdentity("openai", ProviderChatModels.visionModelName(ai));
        ResilientChatModel model = AiConfiguration.resilient(ai, new OfflineChatModel(new ExtractiveSummarizer(Sentences.english())),
                AiConfiguration.circuitBreaker("openai", TestAiProperties.lenientBreaker()), new AiMetrics(new SimpleMeterRegistry()), vision);

        ObjectMapper json = new ObjectMapper();
        StepCatalog steps = new StepCatalog(Map.of(), step -> Duration.ofMinutes(30));
        ProcessedObjects texts = new ProcessedObjects(null, new ResourceNames(new ResourceNames.Buckets("raw", "processed"), null, null)) {
            @Override
            public Optional<String> headText(String key, long maxBytes) {
                return key.endsWith("/" + ProcessedObjects.TEXT) ? Optional.of(INVOICE) : Optional.empty();
            }
        };
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("visionChatModel", model);
        camel.getRegistry().bind("structuredAnswers", new StructuredAnswers(steps, null, texts, vision, json));
        Path stepsDir = Path.of("routes", "steps");
        var parsed = new RouteFileParser(camel, new StepDeclarationReader(json, Duration.ofMinutes(30)), stepsDir)
                .parse(stepsDir.resolve("extract-fields.yaml"), Files.readAllBytes(stepsDir.resolve("extract-fields.yaml")));
        steps.declare(parsed.step());
        camel.addRouteDefinitions(parsed.routes());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:record-insight").to("mock:insight");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        server.stop();
    }

    @Test
    void aValidAnswerBecomesTheInsightAndTheModelSawThePromptTheSchemaAndTheDocument() {
        server.stubFor(post("/v1/chat/completions").willReturn(answer("openai/extract-fields-answer.json")));

        Exchange done = run();
        assertThat(done.getException()).isNull();

        JsonNode fields = read(done.getMessage().getBody(String.class));
        assertThat(fields.path("invoiceNumber").asText()).isEqualTo("1042");
        assertThat(fields.path("invoiceDate").asText()).isEqualTo("2024-03-01");
        assertThat(fields.path("total").asDouble()).isEqualTo(118.5);
        assertThat(fields.path("currency").asText()).isEqualTo("EUR");
        assertThat(done.getProperty(StepInsightRecorder.SOURCE, Insights.Source.class))
                .isEqualTo(new Insights.Source("openai", "gpt-4o"));
        assertThat(done.getMessage().getHeader(AegisHeaders.INSIGHT)).isEqualTo("fields");
        server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", com.github.tomakehurst.wiremock.client.WireMock.equalTo("gpt-4o")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", com.github.tomakehurst.wiremock.client.WireMock.equalTo("system")))
                .withRequestBody(containing("ISO 4217"))
                .withRequestBody(containing("invoiceNumber"))
                .withRequestBody(containing("Total due: 118.50 EUR")));
    }

    @Test
    void anInvalidAnswerIsRepairedOnce() {
        server.stubFor(post("/v1/chat/completions").inScenario("repair").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer("openai/extract-fields-invalid.json")).willSetStateTo("asked again"));
        server.stubFor(post("/v1/chat/completions").inScenario("repair").whenScenarioStateIs("asked again")
                .willReturn(answer("openai/extract-fields-answer.json")));

        Exchange done = run();
        assertThat(done.getException()).isNull();

        assertThat(read(done.getMessage().getBody(String.class)).path("currency").asText()).isEqualTo("EUR");
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        // The repair turn carries the model's own answer and what the schema said of it.
        server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[2].role", com.github.tomakehurst.wiremock.client.WireMock.equalTo("assistant")))
                .withRequestBody(containing("did not match the required JSON Schema")));
    }

    @Test
    void aSecondInvalidAnswerFailsTheStepWithModelAnswerInvalid() {
        server.stubFor(post("/v1/chat/completions").willReturn(answer("openai/extract-fields-invalid.json")));

        assertThat(run().getException())
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("even after one repair")
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.MODEL_ANSWER_INVALID));
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    private Exchange run() {
        return camel.createProducerTemplate().send("direct:step-extract-fields", exchange -> {
            exchange.getMessage().setHeader(AegisHeaders.STEP, "extract-fields");
            exchange.getMessage().setHeader(AegisHeaders.TENANT, "local");
            exchange.getMessage().setHeader(AegisHeaders.ASSET_ID, "asset-1");
            exchange.getMessage().setHeader(AegisHeaders.MEDIA_TYPE, "pdf");
        });
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBodyFile(file);
    }

    private static JsonNode read(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }
}
