package io.aegis.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long an upload's Idempotency-Key is remembered, and when an unfinished reservation counts as abandoned. */
@ConfigurationProperties("aegis.upload.idempotency")
public record IdempotencyProperties(Duration retention, Duration abandonedAfter) {
}
