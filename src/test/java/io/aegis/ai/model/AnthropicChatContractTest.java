package io.aegis.ai.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

/**
 * Contract test against recorded Anthropic Messages API exchanges ({@code POST /v1/messages} with
 * {@code x-api-key} and {@code anthropic-version}; documented response, 429 and 529 "overloaded" bodies).
 */
class AnthropicChatContractTest extends ChatProviderContractTest {

    @Override
    String provider() {
        return "anthropic";
    }

    @Override
    String path() {
        return "/v1/messages";
    }

    @Override
    String okBody() {
        return "anthropic/message.json";
    }

    @Override
    String rateLimitedBody() {
        return "anthropic/rate-limited.json";
    }

    @Override
    ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(529).withHeader("Content-Type", "application/json")
                .withBodyFile("anthropic/overloaded.json");
    }

    @Test
    void sendsTheModelTheSystemPromptApartTheDocumentTheKeyTheVersionAndTheTokenLimit() {
        server.stubFor(post(path()).willReturn(ok()));

        model(0).chat(summaryRequest());

        server.verify(postRequestedFor(urlEqualTo("/v1/messages"))
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

    @Test
    void readsTheAnswerAndTheTokenUsageAndMetersThem() {
        server.stubFor(post(path()).willReturn(ok()));

        ChatResponse response = model(0).chat(summaryRequest());

        assertThat(response.aiMessage().text())
                .isEqualTo("The committee approved the harbour budget and delayed the bridge repairs to spring.");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(61);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(19);
        assertThat(registry.get("aegis.ai.tokens").tags("provider", "anthropic", "type", "input")
                .counter().count()).isEqualTo(61);
        assertThat(registry.get("aegis.ai.tokens").tags("type", "output").counter().count()).isEqualTo(19);
        assertThat(registry.get("aegis.ai.model.latency").tags("model", "claude-haiku-4-5").timer().count()).isEqualTo(1);
    }
}
