package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.platform.aws.AwsEndpoints;
import io.aegis.platform.aws.ResourceNames;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a browser or a hostile HTTP client meets: CORS only for the configured origin (the test profile allows
 * https://console.example), security headers, body limits enforced from Content-Length before the body is read,
 * and client file names that cannot steer where an upload is stored.
 */
class HttpHardeningIT extends PipelineTestSupport {

    static final String ALLOWED = "https://console.example";

    @LocalServerPort
    int port;

    @Autowired
    S3Client s3;

    @Autowired
    ResourceNames names;

    @Autowired
    AwsEndpoints aws;

    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theConfiguredOriginGetsCorsHeadersAndAnyOtherIsRefused() throws Exception {
        HttpResponse<String> allowed = send(preflight(ALLOWED));
        HttpResponse<String> refused = send(preflight("https://evil.example"));

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("GET");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        String token = localToken();
        HttpResponse<String> call = send(api("/v1/jobs").header("Authorization", "Bearer " + token)
                .header("Origin", ALLOWED).GET().build());
        HttpResponse<String> foreignCall = send(api("/v1/jobs").header("Authorization", "Bearer " + token)
                .header("Origin", "https://evil.example").GET().build());
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(foreignCall.statusCode()).isEqualTo(403);
        assertThat(foreignCall.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void apiAnswersCarrySecurityHeadersAndHstsOnlyOverHttps() throws Exception {
        String token = localToken();
        HttpResponse<String> plain = send(api("/v1/jobs").header("Authorization", "Bearer " + token).GET().build());
        // As the load balancer forwards an https request (loopback is a trusted proxy).
        HttpResponse<String> viaHttps = send(api("/v1/jobs").header("Authorization", "Bearer " + token)
                .header("X-Forwarded-Proto", "https").GET().build());
        HttpResponse<String> unauthenticated = send(api("/v1/jobs").GET().build());

        for (HttpResponse<String> response : List.of(plain, viaHttps, unauthenticated)) {
            var headers = response.headers();
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(headers.firstValue("Content-Security-Policy").orElse(""))
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                            "connect-src 'self' " + aws.s3(), "img-src 'self' blob: data: " + aws.s3())
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(headers.firstValue("Cache-Control").orElse("")).contains("no-store");
        }
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(viaHttps.headers().firstValue("Strict-Transport-Security").orElse("")).contains("max-age=31536000");
    }

    @Test
    void anUploadAnnouncedAsTooLargeIs413BeforeItsBodyIsSent() throws Exception {
        String token = localToken();
        // 100 MB announced against the test limit of 1 MB; not one byte of body follows the headers.
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
            List<String> headers = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.add(line);
            }
            assertThat(headers).anyMatch(line -> line.equalsIgnoreCase("Content-Type: application/problem+json"));
        }
    }

    @Test
    void jsonBodiesAreLimitedAndMustDeclareTheirLength() throws Exception {
        String admin = token("aegis-admin", "media:read media:write admin");
        HttpResponse<String> tooLarge = send(api("/v1/admin/dlq/aegis-ai/redrive")
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pad\":\"" + "x".repeat(70_000) + "\"}")).build());
        HttpResponse<String> chunked = send(api("/v1/admin/dlq/aegis-ai/redrive")
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)))).build());

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(chunked.statusCode()).isEqualTo(411);
    }

    @Test
    void hostileFileNamesAreSanitisedAndCannotChooseTheObjectKey() {
        String token = localToken();
        List<String> hostile = List.of("../../../etc/passwd", "/etc/shadow", "..\\..\\boot.ini",
                "%2e%2e%2f%2e%2e%2fsecret.txt", "other/inbox/x.txt", "..", " ", "\u202Etxt.exe", "a\tb.txt",
                "x".repeat(300) + ".txt", "con.txt", "-rf.txt", ".hidden");
        for (String name : hostile) {
            String jobId = uploadAccepted(token, name, "hostile name".getBytes(StandardCharsets.UTF_8));
            var job = getJson(token, "/v1/jobs/" + jobId);
            String stored = job.path("filename").asText();
            String assetId = job.path("assetId").asText();

            assertThat(stored).as(name).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}|file");
            var keys = s3.listObjectsV2(b -> b.bucket(names.buckets().raw()).prefix("local/" + assetId + "/"))
                    .contents().stream().map(o -> o.key()).toList();
            assertThat(keys).as(name).containsExactly("local/" + assetId + "/original/" + stored);
        }
    }

    private HttpRequest preflight(String origin) {
        return api("/v1/jobs").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .build();
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
