package io.aegis.ai.model;

import java.time.Duration;

/** {@link AiProperties} for tests: one provider at a local base URL, short backoff, fake keys. */
final class TestAiProperties {

    static final String OPENAI_KEY = "sk-test-openai";
    static final String ANTHROPIC_KEY = "sk-ant-test";

    private TestAiProperties() {
    }

    static AiProperties of(String provider, String baseUrl, Duration timeout, int maxRetries, boolean fallbackToOffline,
                           AiProperties.CircuitBreaker breaker) {
        return new AiProperties(provider, 3, "", "", 0.2, timeout, 256, maxRetries,
                new AiProperties.Retry(Duration.ofMillis(20), Duration.ofMillis(100), 2.0),
                breaker,
                fallbackToOffline,
                new AiProperties.OpenAi(baseUrl, OPENAI_KEY, "gpt-4o-mini", "gpt-4o"),
                new AiProperties.Anthropic(baseUrl, ANTHROPIC_KEY, "2023-06-01", "claude-haiku-4-5", "claude-sonnet-4-5"),
                new AiProperties.Bedrock("eu-west-1", "anthropic.claude-3-haiku-20240307-v1:0",
                        "anthropic.claude-3-haiku-20240307-v1:0"),
                new AiProperties.Ollama(baseUrl, "llama3.2", "llava"));
    }

    /** A breaker that never opens within a test, unless the test says otherwise. */
    static AiProperties.CircuitBreaker lenientBreaker() {
        return new AiProperties.CircuitBreaker(100, 100, 100, Duration.ofMinutes(1), 1);
    }
}
