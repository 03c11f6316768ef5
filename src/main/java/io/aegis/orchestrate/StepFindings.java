package io.aegis.orchestrate;

import io.aegis.state.Job;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;

/**
 * What a step found out about its job (the real media type, the size), kept on the exchange until {@link StepFinisher}
 * writes it with the step's end: one write instead of two, and nothing recorded for a step that did not finish.
 */
final class StepFindings {

    private static final String PROPERTY = "aegis.stepFindings";

    private StepFindings() {
    }

    @SuppressWarnings("unchecked")
    static void add(Exchange exchange, UnaryOperator<Job> finding) {
        UnaryOperator<Job> before = exchange.getProperty(PROPERTY, UnaryOperator.class);
        exchange.setProperty(PROPERTY, before == null ? finding : (UnaryOperator<Job>) job -> finding.apply(before.apply(job)));
    }

    /** The findings so far, removed from the exchange; identity when there are none. */
    @SuppressWarnings("unchecked")
    static UnaryOperator<Job> take(Exchange exchange) {
        UnaryOperator<Job> findings = exchange.getProperty(PROPERTY, UnaryOperator.class);
        exchange.removeProperty(PROPERTY);
        return findings == null ? UnaryOperator.identity() : findings;
    }
}
