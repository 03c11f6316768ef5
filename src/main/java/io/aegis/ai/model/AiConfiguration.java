package io.aegis.ai.model;

import dev.langchain4j.model.chat.ChatModel;
import io.aegis.text.Sentences;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The chat models, chosen by {@code aegis.ai.provider}: {@code chatModel} (primary, the one
 * camel-langchain4j-chat autowires) and {@code visionChatModel}, both {@link ResilientChatModel}s sharing
 * one circuit breaker per provider, plus their {@link ModelIdentity} beans. A cloud provider with a blank
 * key, URL or region fails start-up here, with the property and environment variable to set.
 */
@Configuration(proxyBeanMethods = false)
public class AiConfiguration {

    static final ModelIdentity OFFLINE = new ModelIdentity(OfflineChatModel.PROVIDER, OfflineChatModel.MODEL_NAME);

    @Bean
    OfflineChatModel offlineChatModel(Sentences sentences) {
        return new OfflineChatModel(new ExtractiveSummarizer(sentences));
    }

    @Bean
    AiMetrics aiMetrics(MeterRegistry registry) {
        return new AiMetrics(registry);
    }

    @Bean
    CircuitBreaker aiCircuitBreaker(AiProperties ai) {
        return circuitBreaker(ProviderChatModels.provider(ai), ai.circuitBreaker());
    }

    @Bean
    @Primary
    ModelIdentity chatModelIdentity(AiProperties ai) {
        return new ModelIdentity(ProviderChatModels.provider(ai), ProviderChatModels.chatModelName(ai));
    }

    @Bean
    ModelIdentity visionModelIdentity(AiProperties ai) {
        return new ModelIdentity(ProviderChatModels.provider(ai), ProviderChatModels.visionModelName(ai));
    }

    @Bean
    @Primary
    ChatModel chatModel(AiProperties ai, OfflineChatModel offline, @Qualifier("aiCircuitBreaker") CircuitBreaker breaker,
                        AiMetrics metrics, @Qualifier("chatModelIdentity") ModelIdentity identity) {
        return resilient(ai, offline, breaker, metrics, identity);
    }

    @Bean
    ChatModel visionChatModel(AiProperties ai, OfflineChatModel offline, @Qualifier("aiCircuitBreaker") CircuitBreaker breaker,
                              AiMetrics metrics, @Qualifier("visionModelIdentity") ModelIdentity identity) {
        return resilient(ai, offline, breaker, metrics, identity);
    }

    static ResilientChatModel resilient(AiProperties ai, OfflineChatModel offline, CircuitBreaker breaker,
                                        AiMetrics metrics, ModelIdentity identity) {
        boolean isOffline = OfflineChatModel.PROVIDER.equals(identity.provider());
        ChatModel model = isOffline ? offline : ProviderChatModels.build(ai, identity.model());
        ResilientChatModel.Fallback fallback = ai.fallbackToOffline() && !isOffline
                ? new ResilientChatModel.Fallback(offline, OFFLINE)
                : null;
        AiProperties.Retry retry = ai.retry();
        var backoff = new ResilientChatModel.Backoff(ai.maxRetries(), retry.initialBackoff(), retry.maxBackoff(),
                retry.multiplier());
        return new ResilientChatModel(model, identity, breaker, backoff, fallback, metrics);
    }

    /** Only transient failures count against the provider: a bad request says nothing about its health. */
    static CircuitBreaker circuitBreaker(String provider, AiProperties.CircuitBreaker settings) {
        return CircuitBreaker.of("ai-" + provider, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordException(TransientFailures::isTransient)
                .build());
    }
}
