package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.api.UploadUrlSigner;
import io.aegis.ingest.PendingUploadChecker;
import io.aegis.orchestrate.PresignedUploadProperties;
import io.aegis.state.PendingUploadStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * POST /v1/uploads → PUT to the presigned URL with a plain HTTP client, as a browser would → the job runs. The
 * embedded S3 (S3Proxy) checks signatures and expiry like S3 does, so refusals here are S3's own.
 */
class PresignedUploadIT extends PipelineTestSupport {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final byte[] ARTICLE = UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8);

    @Autowired
    S3Client s3;

    @Autowired
    ProducerTemplate camel;

    @Autowired
    UploadUrlSigner signer;

    @Autowired
    PendingUploadStore pendingUploads;

    @Autowired
    PresignedUploadProperties presign;

    @LocalServerPort
    int port;

    @Test
    void aPresignedPutStartsTheJobWhichFindsTheRealTypeFromTheBytes() throws Exception {
        String token = localToken();
        // Declared as opaque bytes under a hostile name: the type is only what S3 insists on, the name is made safe.
        ResponseEntity<String> issued = requestUpload(token, "../../etc/Harbour notes.txt", "application/octet-stream",
                ARTICLE.length);

        assertThat(issued.getStatusCode().value()).isEqualTo(201);
        JsonNode body = read(issued.getBody());
        String jobId = body.path("jobId").asText();
        String assetId = body.path("assetId").asText();
        String url = body.path("uploadUrl").asText();
        assertThat(issued.getHeaders().getLocation()).hasToString("/v1/jobs/" + jobId);
        assertThat(body.path("method").asText()).isEqualTo("PUT");
        assertThat(body.path("headers").path("Content-Type").asText()).isEqualTo("application/octet-stream");
        assertThat(URI.create(url).getPath()).isEqualTo("/aegis-raw/local/" + assetId + "/original/Harbour_notes.txt");
        assertThat(url).contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost");
        Instant expiresAt = Instant.parse(body.path("expiresAt").asText());
        assertThat(expiresAt).isBetween(Instant.now().plus(presign.expiry()).minusSeconds(60),
                Instant.now().plus(presign.expiry()).plusSeconds(1));

        // Awaiting its file: an ordinary QUEUED job whose steps have not started, and a check does not start it.
        checkPendingUploadsAt(Instant.now());
        JsonNode waiting = getJson(token, "/v1/jobs/" + jobId);
        assertThat(waiting.path("status").asText()).isEqualTo("QUEUED");
        assertThat(stepStatus(waiting, "validate")).isEqualTo("PENDING");

        assertThat(put(url, "application/octet-stream", ARTICLE, Map.of()).statusCode()).isEqualTo(200);

        JsonNode job = awaitTerminal(token, jobId);
        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("mimeType").asText()).isEqualTo("text/plain");
        assertThat(job.path("mediaType").asText()).isEqualTo("text");
        JsonNode asset = getJson(token, "/v1/assets/" + assetId);
        assertThat(asset.path("filename").asText()).isEqualTo("Harbour_notes.txt");
        assertThat(asset.path("sizeBytes").asLong()).isEqualTo(ARTICLE.length);
        assertThat(asset.path("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ARTICLE)));
        assertThat(asset.path("insights").path("summary").path("text").asText()).isNotBlank();
        assertThat(pendingUploads.find("local/" + assetId + "/original/Harbour_notes.txt")).isEmpty();
    }

    @Test
    void theUrlRefusesAnotherSizeTypeKeyOrSignatureButTakesExactlyWhatWasSigned() throws Exception {
        String token = localToken();
        JsonNode body = read(requestUpload(token, "notes.txt", "text/plain", ARTICLE.length).getBody());
        String url = body.path("uploadUrl").asText();
        String key = URI.create(url).getPath().substring("/aegis-raw/".length());
        byte[] longer = (UploadPipelineIT.ARTICLE + "One more line.\n").getBytes(StandardCharsets.UTF_8);
        byte[] shorter = "short".getBytes(StandardCharsets.UTF_8);
        String otherKey = url.replace("/original/notes.txt", "/original/other.txt");
        String otherTenant = url.replace("/aegis-raw/local/", "/aegis-raw/other/");
        String signature = url.substring(url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length());
        String forged = url.replace(signature, new StringBuilder(signature).reverse().toString());

        assertThat(put(url, "text/plain", longer, Map.of()).statusCode()).as("more bytes").isEqualTo(403);
        assertThat(put(url, "text/plain", shorter, Map.of()).statusCode()).as("fewer bytes").isEqualTo(403);
        assertThat(put(url, "image/jpeg", ARTICLE, Map.of()).statusCode()).as("another type").isEqualTo(403);
        assertThat(put(otherKey, "text/plain", ARTICLE, Map.of()).statusCode()).as("another key").isEqualTo(403);
        assertThat(put(otherTenant, "text/plain", ARTICLE, Map.of()).statusCode()).as("another tenant").isEqualTo(403);
        assertThat(put(forged, "text/plain", ARTICLE, Map.of()).statusCode()).as("forged signature").isEqualTo(403);
        assertThat(rawObjectExists(s3, key)).isFalse();
        assertThat(rawObjectExists(s3, URI.create(otherKey).getPath().substring("/aegis-raw/".length()))).isFalse();

        // The untouched URL with exactly the signed size and type works: the refusals were about the changes.
        assertThat(put(url, "text/plain", ARTICLE, Map.of()).statusCode()).isEqualTo(200);
        assertThat(rawObjectExists(s3, key)).isTrue();
        assertThat(awaitTerminal(token, body.path("jobId").asText()).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void anExpiredUrlIsRefusedByS3() throws Exception {
        // The app's own signer with a one-second lifetime: the expiry clients get is configuration, not a parameter.
        String key = "local/" + UUID.randomUUID() + "/original/late.txt";
        var signed = signer.sign(key, "text/plain", ARTICLE.length, Duration.ofSeconds(1));
        while (!Instant.now().isAfter(signed.expiresAt().plusMillis(500))) {
            Thread.sleep(200);
        }

        HttpResponse<String> response = put(signed.url(), "text/plain", ARTICLE, Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).containsIgnoringCase("expired");
        assertThat(rawObjectExists(s3, key)).isFalse();
    }

    @Test
    void anUploadThatNeverLandsFailsUploadExpiredOnceItsUrlAndGraceHavePassed() {
        String token = localToken();
        JsonNode body = read(requestUpload(token, "never.txt", "text/plain", 100).getBody());
        String jobId = body.path("jobId").asText();
        Instant deadline = Instant.parse(body.path("expiresAt").asText()).plus(presign.grace());

        checkPendingUploadsAt(deadline.minusSeconds(1));
        assertThat(getJson(token, "/v1/jobs/" + jobId).path("status").asText()).isEqualTo("QUEUED");

        checkPendingUploadsAt(deadline.plusSeconds(1));
        JsonNode job = getJson(token, "/v1/jobs/" + jobId);
        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(job.path("error").path("code").asText()).isEqualTo("UPLOAD_EXPIRED");
        assertThat(job.path("error").path("message").asText()).contains("no file arrived");
        job.path("steps").forEach(step -> assertThat(step.path("status").asText()).isEqualTo("SKIPPED"));
        assertThat(pendingUploads.find("local/" + body.path("assetId").asText() + "/original/never.txt")).isEmpty();
    }

    @Test
    void anotherTenantCannotSeeOrCancelThePendingJob() {
        String local = localToken();
        String other = token("aegis-other", READ_WRITE);
        String jobId = read(requestUpload(local, "private.txt", "text/plain", 100).getBody()).path("jobId").asText();

        assertThat(get(other, "/v1/jobs/" + jobId).getStatusCode().value()).isEqualTo(404);
        assertThat(getJson(other, "/v1/jobs?limit=100").path("items").findValuesAsText("jobId")).doesNotContain(jobId);
        assertThat(http.exchange("/v1/jobs/" + jobId, HttpMethod.DELETE, new HttpEntity<>(bearer(other)), String.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(getJson(local, "/v1/jobs/" + jobId).path("status").asText()).isEqualTo("QUEUED");
        assertThat(getJson(local, "/v1/jobs?limit=100").path("items").findValuesAsText("jobId")).contains(jobId);
    }

    @Test
    void declarationsOutsideTheRulesAreRefusedWithAProblem() {
        String token = localToken();

        ResponseEntity<String> tooLarge = requestUpload(token, "big.mp4", "video/mp4", 80L * 1024 * 1024 + 1);
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(tooLarge.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(requestUpload(token, "a.txt", "text/plain", 0).getStatusCode().value()).isEqualTo(400);
        assertThat(requestUpload(token, " ", "text/plain", 10).getStatusCode().value()).isEqualTo(400);
        assertThat(requestUpload(token, "a.txt", "text/plain\r\nX-Amz-Acl: public-read", 10).getStatusCode().value())
                .isEqualTo(400);
        assertThat(post(token, "{not json").getStatusCode().value()).isEqualTo(400);
        assertThat(requestUpload(token("aegis-local", "media:read"), "a.txt", "text/plain", 10)
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void theEmbeddedS3LetsTheAppsOwnOriginPutFromABrowserAndNoOtherOrigin() throws Exception {
        String origin = "http://localhost:" + port;
        String url = read(requestUpload(localToken(), "cors.txt", "text/plain", ARTICLE.length).getBody())
                .path("uploadUrl").asText();

        HttpResponse<String> preflight = preflight(url, origin);
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");
        assertThat(preflight(url, "http://evil.example").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> upload = put(url, "text/plain", ARTICLE, Map.of("Origin", origin));
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoint() {
        JsonNode post = read(get(null, "/v1/openapi.json").getBody()).path("paths").path("/v1/uploads").path("post");

        // Camel writes a verb's description as the operation's summary.
        assertThat(post.path("summary").asText()).contains("presigned PUT");
        assertThat(post.path("requestBody").path("description").asText()).contains("sizeBytes");
        assertThat(post.path("responses").has("201")).isTrue();
        assertThat(post.path("responses").has("413")).isTrue();
    }

    private ResponseEntity<String> requestUpload(String token, String filename, String contentType, long sizeBytes) {
        try {
            return post(token, json.writeValueAsString(
                    Map.of("filename", filename, "contentType", contentType, "sizeBytes", sizeBytes)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<String> post(String token, String jsonBody) {
        var headers = bearer(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/v1/uploads", new HttpEntity<>(jsonBody, headers), String.class);
    }

    private void checkPendingUploadsAt(Instant now) {
        camel.sendBodyAndHeader("direct:check-pending-uploads", null, PendingUploadChecker.NOW, now);
    }

    private static HttpResponse<String> put(String url, String contentType, byte[] bytes, Map<String, String> extra)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        extra.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> preflight(String url, String origin) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
    }
}
