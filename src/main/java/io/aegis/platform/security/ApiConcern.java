package io.aegis.platform.security;

import jakarta.servlet.http.HttpServletRequest;

/** The kinds of API call that get threads and caps of their own, so one kind (or tenant) cannot stall the others. */
public enum ApiConcern {
    /** {@code POST /v1/upload}: long, bound by the client's upload speed. */
    UPLOADS,
    /** {@code GET /v1/jobs/events}: open for minutes. */
    EVENT_STREAMS,
    /** Every other call: short reads and writes of state. */
    READS;

    public static ApiConcern of(HttpServletRequest request) {
        String path = request.getRequestURI();
        if ("POST".equals(request.getMethod()) && "/v1/upload".equals(path)) {
            return UPLOADS;
        }
        if ("GET".equals(request.getMethod()) && "/v1/jobs/events".equals(path)) {
            return EVENT_STREAMS;
        }
        return READS;
    }

    public ApiLimitsProperties.Concern limits(ApiLimitsProperties api) {
        return switch (this) {
            case UPLOADS -> api.uploads();
            case EVENT_STREAMS -> api.eventStreams();
            case READS -> api.reads();
        };
    }
}
