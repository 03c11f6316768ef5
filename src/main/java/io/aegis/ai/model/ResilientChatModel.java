package io.aegis.ai.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProviderUnavailable;
import io.aegis.state.StepFailure;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's chat model as the pipeline calls it: each attempt goes through the provider's circuit breaker
 * and is timed; transient failures (429, 5xx, timeouts, connection errors) are retried with exponential
 * backoff by a resilience4j {@link Retry}; when the provider stays unavailable the call either falls back to the offline model or throws
 * {@link ProviderUnavailable}. Whoever answered is left in {@link AnsweredBy}.
 */
public final class ResilientChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(ResilientChatModel.class);

    private final ChatModel delegate;
    private final ModelIdentity identity;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Fallback fallback;
    private final AiMetrics metrics;

    /** @param fallback the offline model and its identity, or null to fail with {@link ProviderUnavailable} */
    public ResilientChatModel(ChatModel delegate, ModelIdentity identity, CircuitBreaker breaker, Backoff backoff,
                              Fallback fallback, AiMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.retry = Retry.of("ai-" + identity.provider() + "-" + identity.model(),
                Objects.requireNonNull(backoff, "backoff").config());
        retry.getEventPublisher().onRetry(event -> log.debug("{} attempt {} failed ({}); retrying in {}", describe(),
                event.getNumberOfRetryAttempts(), TransientFailures.reason(event.getLastThrowable()).orElse("?"),
                event.getWaitInterval()));
        this.fallback = fallback;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Retries after the first attempt, and their delays: initial × multiplier^n, never above max. Only transient
     * failures ({@link TransientFailures}) are retried; an open circuit and a rejected request fail at once.
     */
    public record Backoff(int maxRetries, Duration initial, Duration max, double multiplier) {

        RetryConfig config() {
            return RetryConfig.custom()
                    .maxAttempts(maxRetries + 1)
                    .intervalFunction(IntervalFunction.ofExponentialBackoff(initial, multiplier, max))
                    .retryOnException(TransientFailures::isTransient)
                    .build();
        }
    }

    public record Fallback(ChatModel model, ModelIdentity identity) {
    }

    public ModelIdentity identity() {
        return identity;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        AnsweredBy.clear();
        ChatResponse response;
        ModelIdentity answeredBy = identity;
        try {
            response = callWithRetries(request);
        } catch (ProviderUnavailable unavailable) {
            if (fallback == null) {
                throw unavailable;
            }
            log.warn("{}; answering with the offline model {}", unavailable.getMessage(), fallback.identity().model());
            answeredBy = fallback.identity();
            response = metrics.timed(answeredBy, () -> fallback.model().chat(request));
        }
        AnsweredBy.record(answeredBy);
        return response;
    }

    private ChatResponse callWithRetries(ChatRequest request) {
        try {
            return retry.executeSupplier(() -> attempt(request));
        } catch (ProviderUnavailable unavailable) {
            throw unavailable;
        } catch (RuntimeException failure) {
            String reason = TransientFailures.reason(failure).orElse(null);
            if (reason == null) {
                // A refused key, an unknown model, a malformed request: retrying cannot help.
                // The provider's own words (keys, accounts, endpoints) are for the log, not the tenant.
                StepFailure rejected = new StepFailure(ErrorCode.PROVIDER_UNAVAILABLE,
                        describe() + " rejected the request").withDetail(failure.getMessage());
                rejected.initCause(failure);
                throw rejected;
            }
            throw new ProviderUnavailable(describe() + " is unavailable after "
                    + retry.getRetryConfig().getMaxAttempts() + " attempts (" + reason + "): " + failure.getMessage(),
                    failure);
        }
    }

    /** One call through the breaker, timed and counted; the retry decides from the failure whether to call again. */
    private ChatResponse attempt(ChatRequest request) {
        try {
            return breaker.executeSupplier(() -> metrics.timed(identity, () -> delegate.chat(request)));
        } catch (CallNotPermittedException open) {
            metrics.failure(identity, "circuit_open");
            throw new ProviderUnavailable(describe() + " is unavailable: circuit breaker open", open);
        } catch (RuntimeException failure) {
            metrics.failure(identity, TransientFailures.reason(failure).orElse("rejected"));
            throw failure;
        }
    }

    private String describe() {
        return identity.provider() + " model " + identity.model();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }
}
