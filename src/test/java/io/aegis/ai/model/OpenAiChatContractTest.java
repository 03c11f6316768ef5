package io.aegis.ai.model;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Contract test against recorded OpenAI chat-completions exchanges ({@code POST /v1/chat/completions}, documented
 * request/response and error bodies); the same contract any OpenAI-compatible server (vLLM, LM Studio) offers.
 */
class OpenAiChatContractTest extends ChatProviderContractTest {

    OpenAiChatContractTest() {
        super(new Recording("openai", "/v1/chat/completions", "gpt-4o-mini", "openai/chat-completion.json",
                "openai/rate-limited.json", 500, "openai/server-error.json", 57, 17));
    }

    @Test
    void sendsTheModelTheSystemPromptTheDocumentTheKeyAndTheTokenLimit() {
        server.verify(sentSummaryRequest()
                .withHeader("Authorization", equalTo("Bearer " + TestAiProperties.OPENAI_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("256")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2")))
                .withRequestBody(matchingJsonPath("$.messages", equalToJson("""
                        [{"role":"system","content":%s},{"role":"user","content":%s}]
                        """.formatted(jsonString(INSTRUCTION), jsonString(DOCUMENT))))));
    }

    @Test
    void reportsTheDatedModelVersionThatAnswered() {
        assertThat(answer().modelName()).isEqualTo("gpt-4o-mini-2024-07-18");
    }

    private static String jsonString(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
