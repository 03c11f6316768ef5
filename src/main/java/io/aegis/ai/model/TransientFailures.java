package io.aegis.ai.model;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which failures of a model call are worth retrying, and why: throttling (429), server errors (5xx, also
 * Anthropic's 529 "overloaded"), timeouts and connection errors. Bad requests, auth and unknown models are not.
 * Causes are searched because LangChain4j wraps I/O errors (a timeout arrives as a plain LangChain4jException).
 */
final class TransientFailures {

    static final String RATE_LIMITED = "rate_limited";
    static final String SERVER_ERROR = "server_error";
    static final String TIMEOUT = "timeout";
    static final String CONNECTION = "connection";

    private static final int MAX_DEPTH = 10;

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        return reason(failure).isPresent();
    }

    /** The metric/log reason of a transient failure; empty when retrying cannot help. */
    static Optional<String> reason(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            Optional<String> reason = ownReason(t);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ownReason(Throwable t) {
        if (t instanceof RateLimitException) {
            return Optional.of(RATE_LIMITED);
        }
        if (t instanceof InternalServerException) {
            return Optional.of(SERVER_ERROR);
        }
        if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof HttpTimeoutException
                || t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                || t instanceof ApiCallTimeoutException) {
            return Optional.of(TIMEOUT);
        }
        if (t instanceof HttpException http) {
            return httpStatusReason(http.statusCode());
        }
        if (t instanceof SdkServiceException aws) {
            return aws.isThrottlingException() ? Optional.of(RATE_LIMITED) : httpStatusReason(aws.statusCode());
        }
        if (t instanceof UnresolvedModelServerException || t instanceof UnresolvedAddressException
                || t instanceof IOException || t instanceof SdkClientException) {
            return Optional.of(CONNECTION);
        }
        return Optional.empty();
    }

    private static Optional<String> httpStatusReason(int status) {
        if (status == 429) {
            return Optional.of(RATE_LIMITED);
        }
        if (status == 408) {
            return Optional.of(TIMEOUT);
        }
        return status >= 500 ? Optional.of(SERVER_ERROR) : Optional.empty();
    }
}
