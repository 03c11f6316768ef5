package io.aegis.ai.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the configured provider's LangChain4j chat model, without any network call. LangChain4j's own
 * retries are off (maxRetries 0): {@link ResilientChatModel} retries, so the breaker and metrics see each attempt.
 */
final class ProviderChatModels {

    static final String OPENAI = "openai";
    static final String ANTHROPIC = "anthropic";
    static final String BEDROCK = "bedrock";
    static final String OLLAMA = "ollama";
    static final List<String> PROVIDERS = List.of(OfflineChatModel.PROVIDER, OPENAI, ANTHROPIC, BEDROCK, OLLAMA);

    private ProviderChatModels() {
    }

    /** The chat-model name for the provider: {@code aegis.ai.chat-model} if set, else the provider's own. */
    static String chatModelName(AiProperties ai) {
        return firstSet(ai.chatModel(), switch (provider(ai)) {
            case OPENAI -> ai.openai().chatModel();
            case ANTHROPIC -> ai.anthropic().chatModel();
            case BEDROCK -> ai.bedrock().chatModel();
            case OLLAMA -> ai.ollama().chatModel();
            default -> OfflineChatModel.MODEL_NAME;
        });
    }

    static String visionModelName(AiProperties ai) {
        return firstSet(ai.visionModel(), switch (provider(ai)) {
            case OPENAI -> ai.openai().visionModel();
            case ANTHROPIC -> ai.anthropic().visionModel();
            case BEDROCK -> ai.bedrock().visionModel();
            case OLLAMA -> ai.ollama().visionModel();
            default -> OfflineChatModel.MODEL_NAME;
        });
    }

    /** The provider name, checked, lower-case; start-up fails here on a typo. */
    static String provider(AiProperties ai) {
        String provider = ai.provider() == null ? "" : ai.provider().strip().toLowerCase(java.util.Locale.ROOT);
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalStateException("aegis.ai.provider='" + ai.provider() + "' is not one of " + PROVIDERS);
        }
        return provider;
    }

    /** A cloud provider's model; never called for {@code offline}. */
    static ChatModel build(AiProperties ai, String modelName) {
        return switch (provider(ai)) {
            case OPENAI -> openAi(ai, modelName);
            case ANTHROPIC -> anthropic(ai, modelName);
            case BEDROCK -> bedrock(ai, modelName);
            case OLLAMA -> ollama(ai, modelName);
            default -> throw new IllegalArgumentException("no cloud model for provider " + ai.provider());
        };
    }

    private static ChatModel openAi(AiProperties ai, String modelName) {
        AiProperties.OpenAi openai = ai.openai();
        return OpenAiChatModel.builder()
                .baseUrl(required(openai.baseUrl(), "openai", "aegis.ai.openai.base-url", "AEGIS_OPENAI_BASE_URL"))
                .apiKey(required(openai.apiKey(), "openai", "aegis.ai.openai.api-key", "AEGIS_OPENAI_API_KEY"))
                .modelName(required(modelName, "openai", "aegis.ai.openai.chat-model|vision-model", "AEGIS_AI_CHAT_MODEL|AEGIS_AI_VISION_MODEL"))
                .temperature(ai.temperature())
                .maxTokens(ai.maxTokens())
                .timeout(ai.timeout())
                .maxRetries(0)
                .build();
    }

    private static ChatModel anthropic(AiProperties ai, String modelName) {
        AiProperties.Anthropic anthropic = ai.anthropic();
        return AnthropicChatModel.builder()
                .baseUrl(required(anthropic.baseUrl(), "anthropic", "aegis.ai.anthropic.base-url", "AEGIS_ANTHROPIC_BASE_URL"))
                .apiKey(required(anthropic.apiKey(), "anthropic", "aegis.ai.anthropic.api-key", "AEGIS_ANTHROPIC_API_KEY"))
                .version(anthropic.version())
                .modelName(required(modelName, "anthropic", "aegis.ai.anthropic.chat-model|vision-model", "AEGIS_AI_CHAT_MODEL|AEGIS_AI_VISION_MODEL"))
                .temperature(ai.temperature())
                .maxTokens(ai.maxTokens())
                .timeout(ai.timeout())
                .maxRetries(0)
                .build();
    }

    // Credentials come from the AWS default chain, resolved at the first call: only the region is checked here.
    private static ChatModel bedrock(AiProperties ai, String modelName) {
        AiProperties.Bedrock bedrock = ai.bedrock();
        return BedrockChatModel.builder()
                .region(Region.of(required(bedrock.region(), "bedrock", "aegis.ai.bedrock.region", "AEGIS_BEDROCK_REGION")))
                .modelId(required(modelName, "bedrock", "aegis.ai.bedrock.chat-model|vision-model", "AEGIS_AI_CHAT_MODEL|AEGIS_AI_VISION_MODEL"))
                .defaultRequestParameters(ChatRequestParameters.builder()
                        .temperature(ai.temperature())
                        .maxOutputTokens(ai.maxTokens())
                        .build())
                .timeout(ai.timeout())
                .maxRetries(0)
                .build();
    }

    private static ChatModel ollama(AiProperties ai, String modelName) {
        AiProperties.Ollama ollama = ai.ollama();
        return OllamaChatModel.builder()
                .baseUrl(required(ollama.baseUrl(), "ollama", "aegis.ai.ollama.base-url", "AEGIS_OLLAMA_BASE_URL"))
                .modelName(required(modelName, "ollama", "aegis.ai.ollama.chat-model|vision-model", "AEGIS_AI_CHAT_MODEL|AEGIS_AI_VISION_MODEL"))
                .temperature(ai.temperature())
                .numPredict(ai.maxTokens())
                .timeout(ai.timeout())
                .maxRetries(0)
                .build();
    }

    private static String required(String value, String provider, String property, String envVar) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("aegis.ai.provider=" + provider + " needs " + property
                    + " (environment variable " + envVar + "); it is blank");
        }
        return value.strip();
    }

    private static String firstSet(String preferred, String fallback) {
        return preferred == null || preferred.isBlank() ? fallback : preferred.strip();
    }
}
