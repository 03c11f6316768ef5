package io.aegis.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.Problem;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Writes an API answer onto the exchange. Only the headers meant for the client survive: platform-http
 * would otherwise echo every exchange header (Authorization included) back as a response header.
 */
@Component
public class ApiResponses {

    private static final String[] RESPONSE_HEADERS = {Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE, "Location"};

    private final ObjectMapper json;

    public ApiResponses(ObjectMapper json) {
        this.json = json;
    }

    public void json(Exchange exchange, int status, Object body) {
        write(exchange, status, "application/json", body);
    }

    /** 204: no body, no content type. */
    public void noContent(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*", Exchange.HTTP_RESPONSE_CODE);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        message.setBody(null);
    }

    public void problem(Exchange exchange, Problem problem) {
        write(exchange, problem.status(), Problem.MEDIA_TYPE, problem);
    }

    /** The problem an API processor threw; headers it names are set after the others were cleared. */
    public void problem(Exchange exchange, ApiProblem problem) {
        problem(exchange, problem.toProblem());
        if (problem.retryAfterSeconds() != null) {
            exchange.getMessage().setHeader("Retry-After", problem.retryAfterSeconds().toString());
        }
    }

    private void write(Exchange exchange, int status, String contentType, Object body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*", RESPONSE_HEADERS);
        if (status >= 400) {
            message.removeHeader("Location");
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        try {
            message.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }
}
