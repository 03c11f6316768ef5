package io.aegis.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook endpoints and their deliveries ({@code aegis.webhooks}).
 *
 * @param maxPerTenant     endpoints one tenant may register
 * @param allowLoopback    deliver to loopback addresses (127.0.0.0/8, ::1): dev and tests only
 * @param allowPrivate     deliver to private, link-local and other non-public addresses (a VPC-internal receiver)
 * @param maxAttempts      tries of one delivery before it goes to the webhook DLQ
 * @param initialBackoff   wait before the second try; doubled after each failed try
 * @param maxBackoff       longest wait between two tries (SQS delays at most 15 min)
 * @param connectTimeout   to open the connection to a receiver
 * @param timeout          for the receiver's answer (each read)
 * @param deliveryRetention how long the delivery records ({@code GET /v1/webhooks/{id}/deliveries}) are kept
 */
@ConfigurationProperties("aegis.webhooks")
public record WebhookProperties(int maxPerTenant, boolean allowLoopback, boolean allowPrivate, int maxAttempts,
                                Duration initialBackoff, Duration maxBackoff, Duration connectTimeout,
                                Duration timeout, Duration deliveryRetention) {

    static final Duration SQS_MAX_DELAY = Duration.ofMinutes(15);

    public WebhookProperties {
        maxPerTenant = maxPerTenant <= 0 ? 10 : maxPerTenant;
        maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
        maxBackoff = maxBackoff == null || maxBackoff.compareTo(SQS_MAX_DELAY) > 0 ? SQS_MAX_DELAY : maxBackoff;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        deliveryRetention = deliveryRetention == null ? Duration.ofDays(30) : deliveryRetention;
    }

    /** The wait after failed try number {@code attempt} (1-based): initial × 2^(attempt-1), at most maxBackoff. */
    public Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
