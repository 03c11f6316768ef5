package io.aegis.ai.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

/**
 * Contract test against recorded OpenAI chat-completions exchanges ({@code POST /v1/chat/completions}, documented
 * request/response and error bodies); the same contract any OpenAI-compatible server (vLLM, LM Studio) offers.
 */
class OpenAiChatContractTest extends ChatProviderContractTest {

    @Override
    String provider() {
        return "openai";
    }

    @Override
    String path() {
        return "/v1/chat/completions";
    }

    @Override
    String okBody() {
        return "openai/chat-completion.json";
    }

    @Override
    String rateLimitedBody() {
        return "openai/rate-limited.json";
    }

    @Override
    ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBodyFile("openai/server-error.json");
    }

    @Test
    void sendsTheModelTheSystemPromptTheDocumentTheKeyAndTheTokenLimit() {
        server.stubFor(post(path()).willReturn(ok()));

        model(0).chat(summaryRequest());

        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + TestAiProperties.OPENAI_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("256")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2")))
                .withRequestBody(matchingJsonPath("$.messages", equalToJson("""
                        [{"role":"system","content":%s},{"role":"user","content":%s}]
                        """.formatted(jsonString(INSTRUCTION), jsonString(DOCUMENT))))));
    }

    private static String jsonString(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheAnswerAndTheTokenUsageAndMetersThem() {
        server.stubFor(post(path()).willReturn(ok()));

        ChatResponse response = model(0).chat(summaryRequest());

        assertThat(response.aiMessage().text())
                .isEqualTo("The committee approved the harbour budget and delayed the bridge repairs to spring.");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(57);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(17);
        assertThat(response.modelName()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(registry.get("aegis.ai.tokens").tags("provider", "openai", "model", "gpt-4o-mini", "type", "input")
                .counter().count()).isEqualTo(57);
        assertThat(registry.get("aegis.ai.tokens").tags("type", "output").counter().count()).isEqualTo(17);
        assertThat(registry.get("aegis.ai.model.latency").tags("provider", "openai", "model", "gpt-4o-mini")
                .timer().count()).isEqualTo(1);
    }
}
