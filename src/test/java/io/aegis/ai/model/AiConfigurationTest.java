package io.aegis.ai.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import io.aegis.text.Sentences;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Provider choice by configuration: models build without network; a missing key stops start-up, clearly. */
class AiConfigurationTest {

    private final AiConfiguration configuration = new AiConfiguration();
    private final OfflineChatModel offline = new OfflineChatModel(new ExtractiveSummarizer(Sentences.english()));
    private final AiMetrics metrics = new AiMetrics(new SimpleMeterRegistry());

    private static AiProperties provider(String provider) {
        return TestAiProperties.of(provider, "http://127.0.0.1:9/v1", Duration.ofSeconds(5), 2, false,
                TestAiProperties.lenientBreaker());
    }

    private ChatModel chatModel(AiProperties ai) {
        CircuitBreaker breaker = configuration.aiCircuitBreaker(ai);
        return configuration.chatModel(ai, offline, breaker, metrics, configuration.chatModelIdentity(ai));
    }

    @Test
    void offlineIsTheDefaultAndNeedsNothing() {
        AiProperties ai = new AiProperties("offline", 5);

        assertThat(configuration.chatModelIdentity(ai)).isEqualTo(new ModelIdentity("offline", OfflineChatModel.MODEL_NAME));
        assertThat(configuration.visionModelIdentity(ai)).isEqualTo(new ModelIdentity("offline", OfflineChatModel.MODEL_NAME));
        assertThat(chatModel(ai).chat("One fact. Another fact.")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "bedrock", "ollama"})
    void everyCloudProviderBuildsFromConfigurationWithoutCallingIt(String provider) {
        AiProperties ai = provider(provider);

        assertThat(chatModel(ai)).isInstanceOf(ResilientChatModel.class);
        assertThat(configuration.chatModelIdentity(ai).provider()).isEqualTo(provider);
        assertThat(configuration.visionModelIdentity(ai).model()).isEqualTo(ProviderChatModels.visionModelName(ai));
    }

    @Test
    void theChatAndVisionModelNamesComeFromTheProviderUnlessOverridden() {
        AiProperties ai = provider("anthropic");
        assertThat(configuration.chatModelIdentity(ai)).isEqualTo(new ModelIdentity("anthropic", "claude-haiku-4-5"));
        assertThat(configuration.visionModelIdentity(ai)).isEqualTo(new ModelIdentity("anthropic", "claude-sonnet-4-5"));

        AiProperties overridden = new AiProperties(ai.provider(), 3, "claude-opus-4-1", "claude-opus-4-1",
                ai.temperature(), ai.timeout(), ai.maxTokens(), ai.maxRetries(), ai.retry(), ai.circuitBreaker(),
                false, ai.openai(), ai.anthropic(), ai.bedrock(), ai.ollama());
        assertThat(configuration.chatModelIdentity(overridden).model()).isEqualTo("claude-opus-4-1");
    }

    @Test
    void aCloudProviderWithoutItsKeyFailsStartUpNamingTheVariableToSet() {
        AiProperties ai = provider("openai");
        AiProperties keyless = new AiProperties("openai", 3, "", "", 0.2, ai.timeout(), 256, 2, ai.retry(),
                ai.circuitBreaker(), false, new AiProperties.OpenAi("https://api.openai.com/v1", "", "gpt-4o-mini", "gpt-4o"),
                ai.anthropic(), ai.bedrock(), ai.ollama());

        assertThatThrownBy(() -> chatModel(keyless))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aegis.ai.provider=openai needs aegis.ai.openai.api-key")
                .hasMessageContaining("AEGIS_OPENAI_API_KEY");
    }

    @Test
    void anUnknownProviderFailsStartUp() {
        assertThatThrownBy(() -> configuration.chatModelIdentity(new AiProperties("gemini", 5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'gemini' is not one of [offline, openai, anthropic, bedrock, ollama]");
    }
}
