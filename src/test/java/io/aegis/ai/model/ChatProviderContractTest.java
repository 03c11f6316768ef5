package io.aegis.ai.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProviderUnavailable;
import io.aegis.state.StepFailure;
import io.aegis.text.Sentences;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests of a provider's chat API against its recorded HTTP exchanges, replayed by WireMock (bodies in
 * {@code src/test/resources/__files/<provider>/}): the real LangChain4j model behind our {@link ResilientChatModel},
 * so retries, timeouts, the circuit breaker and the offline fallback are exercised over HTTP, and the answer and its
 * token usage read and metered. A subclass names its {@link Recording} and checks the provider's request shape.
 */
abstract class ChatProviderContractTest {

    static final String DOCUMENT = "The harbour committee met on Monday. The committee approved the harbour budget "
            + "for next year. Repairs to the old bridge were delayed until spring. The weather was mild.";
    static final String INSTRUCTION = Prompts.load("summarize-final.txt").formatted(3);

    private static final OfflineChatModel OFFLINE = new OfflineChatModel(new ExtractiveSummarizer(Sentences.english()));

    /**
     * A provider's recorded exchanges: its {@code aegis.ai.provider} value, endpoint and configured model; the
     * recorded 200, 429 and server-error answers (bodies relative to {@code __files}); the token usage the 200 reports.
     */
    record Recording(String provider, String path, String model, String okBody, String rateLimitedBody,
            int serverErrorStatus, String serverErrorBody, int inputTokens, int outputTokens) {
    }

    private final Recording recording;

    WireMockServer server;
    SimpleMeterRegistry registry;
    CircuitBreaker breaker;

    ChatProviderContractTest(Recording recording) {
        this.recording = recording;
    }

    String provider() {
        return recording.provider();
    }

    String path() {
        return recording.path();
    }

    @BeforeEach
    void startServer() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        registry = new SimpleMeterRegistry();
        AnsweredBy.clear();
    }

    @AfterEach
    void stopServer() {
        server.stop();
        AnsweredBy.clear();
    }

    ResilientChatModel model(int maxRetries, Duration timeout, boolean fallback, AiProperties.CircuitBreaker settings) {
        AiProperties ai = TestAiProperties.of(provider(), server.baseUrl() + "/v1", timeout, maxRetries, fallback, settings);
        breaker = AiConfiguration.circuitBreaker(provider(), settings);
        ModelIdentity identity = new ModelIdentity(provider(), ProviderChatModels.chatModelName(ai));
        return AiConfiguration.resilient(ai, OFFLINE, breaker, new AiMetrics(registry), identity);
    }

    ResilientChatModel model(int maxRetries) {
        return model(maxRetries, Duration.ofSeconds(5), false, TestAiProperties.lenientBreaker());
    }

    static ChatRequest summaryRequest() {
        return ChatRequest.builder().messages(SystemMessage.from(INSTRUCTION), UserMessage.from(DOCUMENT)).build();
    }

    ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBodyFile(recording.okBody());
    }

    ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(recording.serverErrorStatus()).withHeader("Content-Type", "application/json")
                .withBodyFile(recording.serverErrorBody());
    }

    /** The recorded answer to one summary request, with no retries. */
    ChatResponse answer() {
        server.stubFor(post(path()).willReturn(ok()));
        return model(0).chat(summaryRequest());
    }

    /** Sends one summary request; the pattern of what reached the provider, for the subclass to narrow. */
    RequestPatternBuilder sentSummaryRequest() {
        answer();
        return postRequestedFor(urlEqualTo(path()));
    }

    double failures(String reason) {
        var counter = registry.find("aegis.ai.failures").tag("provider", provider()).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    int requests() {
        return server.findAll(postRequestedFor(urlEqualTo(path()))).size();
    }

    @Test
    void readsTheAnswerAndTheTokenUsageAndMetersThem() {
        ChatResponse response = answer();

        assertThat(response.aiMessage().text())
                .isEqualTo("The committee approved the harbour budget and delayed the bridge repairs to spring.");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(recording.inputTokens());
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(recording.outputTokens());
        assertThat(registry.get("aegis.ai.tokens").tags("provider", provider(), "model", recording.model(), "type", "input")
                .counter().count()).isEqualTo(recording.inputTokens());
        assertThat(registry.get("aegis.ai.tokens").tags("type", "output").counter().count())
                .isEqualTo(recording.outputTokens());
        assertThat(registry.get("aegis.ai.model.latency").tags("provider", provider(), "model", recording.model())
                .timer().count()).isEqualTo(1);
    }

    // Retry-After is sent as the providers do, but LangChain4j 1.10 does not expose it: our short backoff applies.
    @Test
    void aRateLimitedCallSucceedsAfterOneRetry() {
        server.stubFor(post(path()).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "1").withBodyFile(recording.rateLimitedBody()))
                .willSetStateTo("recovered"));
        server.stubFor(post(path()).inScenario("throttled").whenScenarioStateIs("recovered").willReturn(ok()));

        ChatResponse response = model(2).chat(summaryRequest());

        assertThat(response.aiMessage().text()).contains("harbour budget");
        assertThat(requests()).isEqualTo(2);
        assertThat(failures("rate_limited")).isEqualTo(1);
        assertThat(AnsweredBy.take()).hasValueSatisfying(who -> assertThat(who.provider()).isEqualTo(provider()));
    }

    @Test
    void serverErrorsThatPersistEndInProviderUnavailableAfterTheRetries() {
        server.stubFor(post(path()).willReturn(serverError()));

        assertThatThrownBy(() -> model(2).chat(summaryRequest()))
                .isInstanceOf(ProviderUnavailable.class)
                .hasMessageContaining("after 3 attempts (server_error)")
                .satisfies(e -> assertThat(((ProviderUnavailable) e).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
        assertThat(requests()).isEqualTo(3);
        assertThat(failures("server_error")).isEqualTo(3);
        assertThat(AnsweredBy.take()).isEmpty();
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsProviderUnavailable() {
        server.stubFor(post(path()).willReturn(ok().withFixedDelay(3000)));
        ResilientChatModel model = model(1, Duration.ofMillis(300), false, TestAiProperties.lenientBreaker());

        long started = System.nanoTime();
        assertThatThrownBy(() -> model.chat(summaryRequest()))
                .isInstanceOf(ProviderUnavailable.class)
                .hasMessageContaining("(timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        assertThat(failures("timeout")).isEqualTo(2);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndThenFailsFastWithoutCallingTheProvider() {
        server.stubFor(post(path()).willReturn(serverError()));
        ResilientChatModel model = model(1, Duration.ofSeconds(5), false,
                new AiProperties.CircuitBreaker(4, 4, 50, Duration.ofMinutes(1), 1));

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> model.chat(summaryRequest())).isInstanceOf(ProviderUnavailable.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(requests()).isEqualTo(4);

        assertThatThrownBy(() -> model.chat(summaryRequest()))
                .isInstanceOf(ProviderUnavailable.class)
                .hasMessageContaining("circuit breaker open");
        assertThat(requests()).isEqualTo(4);
        assertThat(failures("circuit_open")).isEqualTo(1);
    }

    @Test
    void withFallbackToOfflineTheOfflineModelAnswersAndIsRecordedAsTheAnswerer() {
        server.stubFor(post(path()).willReturn(serverError()));
        ResilientChatModel model = model(1, Duration.ofSeconds(5), true, TestAiProperties.lenientBreaker());

        ChatResponse response = model.chat(summaryRequest());

        assertThat(response.aiMessage().text()).isEqualTo(OFFLINE.chat(summaryRequest()).aiMessage().text());
        assertThat(response.modelName()).isEqualTo(OfflineChatModel.MODEL_NAME);
        assertThat(AnsweredBy.take()).contains(new ModelIdentity("offline", OfflineChatModel.MODEL_NAME));
        assertThat(requests()).isEqualTo(2);
        assertThat(registry.find("aegis.ai.model.latency").tag("provider", "offline").timer().count()).isEqualTo(1);
    }

    @Test
    void aRejectedRequestIsNotRetriedAndDoesNotCountAgainstTheProvider() {
        server.stubFor(post(path()).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"bad\"}}")));
        ResilientChatModel model = model(2);

        assertThatThrownBy(() -> model.chat(summaryRequest()))
                .isInstanceOfSatisfying(StepFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
                    assertThat(failure.getCause()).isInstanceOf(InvalidRequestException.class);
                });
        assertThat(requests()).isEqualTo(1);
        assertThat(failures("rejected")).isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }
}
