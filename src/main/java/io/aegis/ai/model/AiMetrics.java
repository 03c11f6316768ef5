package io.aegis.ai.model;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * Model-call meters, tagged by provider and model: {@code aegis_ai_model_latency_seconds} (every attempt,
 * answered or not), {@code aegis_ai_tokens_total{type=input|output}} and {@code aegis_ai_failures_total{reason}}.
 */
public final class AiMetrics {

    private final MeterRegistry registry;

    public AiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    ChatResponse timed(ModelIdentity model, Supplier<ChatResponse> call) {
        ChatResponse response = Timer.builder("aegis.ai.model.latency")
                .description("Duration of one model call")
                .tags("provider", model.provider(), "model", model.model())
                .register(registry)
                .record(call);
        countTokens(model, response);
        return response;
    }

    void failure(ModelIdentity model, String reason) {
        Counter.builder("aegis.ai.failures")
                .description("Failed model calls, by reason")
                .tags("provider", model.provider(), "model", model.model(), "reason", reason)
                .register(registry)
                .increment();
    }

    private void countTokens(ModelIdentity model, ChatResponse response) {
        TokenUsage usage = response == null ? null : response.tokenUsage();
        if (usage == null) {
            return;
        }
        tokens(model, "input", usage.inputTokenCount());
        tokens(model, "output", usage.outputTokenCount());
    }

    private void tokens(ModelIdentity model, String type, Integer count) {
        if (count != null && count > 0) {
            Counter.builder("aegis.ai.tokens")
                    .description("Tokens sent to and received from models")
                    .tags("provider", model.provider(), "model", model.model(), "type", type)
                    .register(registry)
                    .increment(count);
        }
    }
}
