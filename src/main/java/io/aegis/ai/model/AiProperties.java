package io.aegis.ai.model;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Which chat model makes the insights and how it is called; {@code offline} needs no key and no network.
 * Defaults live in application.yaml; {@code chatModel}/{@code visionModel}, when set, override the active
 * provider's own model names.
 */
@ConfigurationProperties("aegis.ai")
public record AiProperties(
        String provider,
        int summarySentences,
        String chatModel,
        String visionModel,
        double temperature,
        Duration timeout,
        int maxTokens,
        int maxRetries,
        Retry retry,
        CircuitBreaker circuitBreaker,
        boolean fallbackToOffline,
        OpenAi openai,
        Anthropic anthropic,
        Bedrock bedrock,
        Ollama ollama) {

    @ConstructorBinding
    public AiProperties {
    }

    /** Offline with the shipped defaults: for tests and code that only needs the provider and sentence count. */
    public AiProperties(String provider, int summarySentences) {
        this(provider, summarySentences, "", "", 0.2, Duration.ofSeconds(60), 1024, 2,
                new Retry(Duration.ofMillis(500), Duration.ofSeconds(10), 2.0),
                new CircuitBreaker(10, 5, 50, Duration.ofSeconds(30), 2),
                false,
                new OpenAi("https://api.openai.com/v1", "", "gpt-4o-mini", "gpt-4o-mini"),
                new Anthropic("https://api.anthropic.com/v1", "", "2023-06-01", "claude-haiku-4-5", "claude-haiku-4-5"),
                new Bedrock("us-east-1", "anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-haiku-20240307-v1:0"),
                new Ollama("http://localhost:11434", "llama3.2", "llava"));
    }

    /** Backoff between the retries of one model call: initial, doubled by {@code multiplier}, capped at max. */
    public record Retry(Duration initialBackoff, Duration maxBackoff, double multiplier) {
    }

    /** Count-based resilience4j breaker shared by the chat and vision models of the provider. */
    public record CircuitBreaker(int slidingWindow, int minimumCalls, float failureRatePercent,
                                 Duration openFor, int halfOpenCalls) {
    }

    /** OpenAI or any OpenAI-compatible server (vLLM, LM Studio, ...) at {@code baseUrl}. */
    public record OpenAi(String baseUrl, String apiKey, String chatModel, String visionModel) {
    }

    public record Anthropic(String baseUrl, String apiKey, String version, String chatModel, String visionModel) {
    }

    /** Credentials come from the AWS default chain (env, profile, ECS task role), never from here. */
    public record Bedrock(String region, String chatModel, String visionModel) {
    }

    public record Ollama(String baseUrl, String chatModel, String visionModel) {
    }
}
