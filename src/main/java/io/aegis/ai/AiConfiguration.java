package io.aegis.ai;

import dev.langchain4j.model.chat.ChatModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chat model camel-langchain4j-chat uses (autowired by type). Offline by default; the cloud
 * providers (OpenAI, Anthropic, Bedrock, Ollama) plug in here by configuration.
 */
@Configuration(proxyBeanMethods = false)
public class AiConfiguration {

    @Bean
    ChatModel chatModel(AiProperties ai) {
        if (!OfflineChatModel.PROVIDER.equals(ai.provider())) {
            throw new IllegalStateException("aegis.ai.provider=" + ai.provider()
                    + " is not available in this build; use 'offline'");
        }
        return new OfflineChatModel(new ExtractiveSummarizer());
    }

    @Bean
    ModelIdentity modelIdentity(AiProperties ai) {
        return new ModelIdentity(OfflineChatModel.PROVIDER, OfflineChatModel.MODEL_NAME);
    }
}
