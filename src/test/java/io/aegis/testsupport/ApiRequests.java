package io.aegis.testsupport;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** The API requests a client of a running app (a child process) makes, built as that client sends them. */
public final class ApiRequests {

    private ApiRequests() {
    }

    /** Client credentials of the dev client {@code aegis-local} for media:read and media:write (local issuer). */
    public static HttpRequest devToken(URI base) {
        return devToken(base, "aegis-local", "aegis-local-secret");
    }

    /** Client credentials of a dev client for media:read and media:write (local issuer). */
    public static HttpRequest devToken(URI base, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=media%3Aread%20media%3Awrite"))
                .build();
    }

    /** POST /v1/upload as multipart, the file part read from {@code content} as it is sent (never held in memory). */
    public static HttpRequest upload(URI base, String token, String filename, Supplier<InputStream> content, Duration timeout) {
        String boundary = "aegis-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        Supplier<InputStream> body = () -> new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head), content.get(), new ByteArrayInputStream(tail))));
        return HttpRequest.newBuilder(base.resolve("/v1/upload"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .build();
    }
}
