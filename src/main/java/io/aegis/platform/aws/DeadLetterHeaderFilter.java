package io.aegis.platform.aws;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * For messages handed to a dead letter queue: only the {@code aegis-dlq-*} headers (the failure reason) and
 * the trace context become SQS message attributes, everything else stays in the process like with
 * {@link SqsHeaderFilter}.
 */
@Component(DeadLetterHeaderFilter.BEAN)
public class DeadLetterHeaderFilter extends DefaultHeaderFilterStrategy {

    public static final String BEAN = "deadLetterHeaderFilter";
    public static final String ATTRIBUTE_PREFIX = "aegis-dlq-";

    public DeadLetterHeaderFilter() {
        // A header matching the pattern is filtered out: every name that is neither prefixed nor trace context.
        setOutFilterPattern("(?!" + ATTRIBUTE_PREFIX + "|" + TraceContextHeaders.NAMES + ").*");
    }
}
