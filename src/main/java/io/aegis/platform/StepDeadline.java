package io.aegis.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
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

    /**
     * For in-JVM work (PDFBox, ImageIO) between units of work: a step stopped at its deadline has its thread
     * interrupted; this ends the work there, PROCESSING_TIMEOUT.
     */
    public static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new StepFailure(ErrorCode.PROCESSING_TIMEOUT, "the step ran out of time and was stopped");
        }
    }

    /** Time left before the deadline (zero or negative once passed); empty when the step has none. */
    public static Optional<Duration> remaining(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(PROPERTY, Instant.class))
                .map(deadline -> Duration.between(Instant.now(), deadline));
    }
}
