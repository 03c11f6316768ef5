package io.aegis.platform;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 7807 problem document, the body of every error the API returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }
}
