package io.aegis.ai.model;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import org.junit.jupiter.api.Test;

/**
 * Contract test against recorded Anthropic Messages API exchanges ({@code POST /v1/messages} with
 * {@code x-api-key} and {@code anthropic-version}; documented response, 429 and 529 "overloaded" bodies).
 */
class AnthropicChatContractTest extends ChatProviderContractTest {

    AnthropicChatContractTest() {
        super(new Recording("anthropic", "/v1/messages", "claude-haiku-4-5", "anthropic/message.json",
                "anthropic/rate-limited.json", 529, "anthropic/overloaded.json", 61, 19));
    }

    @Test
    void sendsTheModelTheSystemPromptApartTheDocumentTheKeyTheVersionAndTheTokenLimit() {
        server.verify(sentSummaryRequest()
                .withHeader("x-api-key", equalTo(TestAiProperties.ANTHROPIC_KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-haiku-4-5")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("256")))
                .withRequestBody(matchingJsonPath("$.system", containing(INSTRUCTION)))
                .withRequestBody(matchingJsonPath("$.messages.length()", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing(DOCUMENT))));
    }
}
