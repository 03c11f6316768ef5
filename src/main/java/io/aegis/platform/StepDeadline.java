package io.aegis.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * When the current step must be over (its configured timeout from when it started), carried as an exchange
 * property so every tool the step runs is killed by then, whichever package runs it.
 */
public final class StepDeadline {

    private static final String PROPERTY = "aegis.stepDeadline";

    private StepDeadline() {
    }

    public static void set(Exchange exchange, Instant deadline) {
        exchange.setProperty(PROPERTY, deadline);
    }

    /** Time left before the deadline (zero or negative once passed); empty when the step has none. */
    public static Optional<Duration> remaining(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(PROPERTY, Instant.class))
                .map(deadline -> Duration.between(Instant.now(), deadline));
    }
}
