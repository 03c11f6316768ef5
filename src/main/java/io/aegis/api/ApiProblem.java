package io.aegis.api;

import io.aegis.platform.Problem;

/** Thrown by API processors to answer with an RFC 7807 problem and the given status. */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private Integer retryAfterSeconds;

    public ApiProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(404, "Not found", what + " " + id + " does not exist");
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail);
    }

    /** Adds a Retry-After header to the answer. */
    public ApiProblem retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem() {
        return Problem.of(status, title, getMessage());
    }
}
