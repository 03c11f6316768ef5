package io.aegis.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.security.ApiAdmission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Writes problem documents for the errors raised before a request reaches a Camel route: authentication,
 * authorization and multipart limits. Routes write their own through the same {@link Problem} record.
 */
@Component
@RestControllerAdvice
public class ProblemResponses {

    private final ObjectMapper json;
    private final DataSize uploadLimit;

    public ProblemResponses(ObjectMapper json, @Value("${aegis.upload.max-bytes}") DataSize uploadLimit) {
        this.json = json;
        this.uploadLimit = uploadLimit;
    }

    /** 401 with the standard WWW-Authenticate header, and a problem body. */
    public AuthenticationEntryPoint authenticationEntryPoint() {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            write(response, Problem.of(401, "Unauthorized", "a valid bearer token is required"));
        };
    }

    /** 403 when the token lacks the scope the call needs. */
    public AccessDeniedHandler accessDeniedHandler() {
        var bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, denied) -> {
            bearer.handle(request, response, denied);
            write(response, Problem.of(403, "Forbidden", "the token lacks the scope this call needs"));
        };
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Problem> uploadTooLarge(MaxUploadSizeExceededException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "File too large",
                "the upload exceeds the limit of " + uploadLimit.toBytes() + " bytes");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Problem> malformedMultipart(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed upload", "the multipart body could not be read");
    }

    private static ResponseEntity<Problem> problem(HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status)
                .header("Content-Type", Problem.MEDIA_TYPE)
                .body(Problem.of(status.value(), title, detail));
    }

    /** The pool of a kind of call is full even after admission (ApiAdmission): the server is busy. */
    @ExceptionHandler(RejectedExecutionException.class)
    ResponseEntity<Problem> busy(RejectedExecutionException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Content-Type", Problem.MEDIA_TYPE)
                .header("Retry-After", Integer.toString(ApiAdmission.BUSY_RETRY_AFTER_SECONDS))
                .body(Problem.of(503, "Service Unavailable", "the server is busy; try again shortly"));
    }

    /**
     * Answers a request refused before its body is read, at once and with {@code Connection: close}: nothing of the
     * body will be read, so the connection cannot serve another request, and the container must not first swallow it.
     */
    public void writeBeforeBody(HttpServletResponse response, Problem problem) throws IOException {
        response.setHeader("Connection", "close");
        write(response, problem);
        response.flushBuffer();
    }

    /** Answers a request that a servlet filter stops before it reaches a route. */
    public void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
