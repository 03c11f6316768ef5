package io.aegis.platform.aws;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Keeps exchange headers off SQS messages: the body carries everything a worker needs, and headers such
 * as Authorization must never leave the process (SQS also allows only 10 attributes). The one exception is
 * the trace context ({@link TraceContextHeaders}), so the next worker continues the job's trace.
 */
@Component(SqsHeaderFilter.BEAN)
public class SqsHeaderFilter extends DefaultHeaderFilterStrategy {

    public static final String BEAN = "sqsHeaderFilter";

    public SqsHeaderFilter() {
        // A header matching the pattern is filtered out: every name but the trace context ones.
        setOutFilterPattern("(?!" + TraceContextHeaders.NAMES + ").*");
    }
}
