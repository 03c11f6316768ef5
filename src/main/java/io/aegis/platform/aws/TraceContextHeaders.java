package io.aegis.platform.aws;

/**
 * The W3C trace context headers Camel's tracer writes on a send and reads on a consume. They are the only
 * exchange headers that may become SQS message attributes besides a dead letter's reason, so a job's hops
 * through the queues stay one trace.
 */
public final class TraceContextHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** A regex alternative matching exactly these header names, for the filters' negative lookaheads. */
    static final String NAMES = "(?:" + TRACEPARENT + "|" + TRACESTATE + ")$";

    private TraceContextHeaders() {
    }
}
