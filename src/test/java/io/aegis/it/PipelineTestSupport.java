package io.aegis.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.eclipse.jetty.client.HttpResponseException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Base of the whole-pipeline tests: the real application with its embedded S3, SQS and DynamoDB servers,
 * one Spring context shared by every test class (same configuration → Spring's context cache reuses it).
 * Tests talk to it as a client would: OAuth2 token, HTTP calls, S3 and SQS through the AWS SDK.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@CamelSpringBootTest
@Import({InMemoryTracing.class, FaultInjection.Wiring.class})
abstract class PipelineTestSupport {

    static final String READ_WRITE = "media:read media:write";
    static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    String token(String client, String scopes) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        form.add("scope", scopes);
        var headers = new HttpHeaders();
        headers.setBasicAuth(client, client + "-secret");
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> response = http.postForEntity("/oauth2/token", new HttpEntity<>(form, headers), String.class);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new IllegalStateException("token request failed: " + response.getStatusCode() + " " + response.getBody());
        }
        return read(response.getBody()).path("access_token").asText();
    }

    String localToken() {
        return token("aegis-local", READ_WRITE);
    }

    @Autowired
    JWKSource<SecurityContext> serverKeys;

    private JWTClaimsSet genuineClaims;

    /**
     * A token of the local issuer as it would issue one to {@code subject} (a user or a client) of {@code client}
     * in {@code tenant}, with media:read and media:write: signed with the server's own key, from a real token's
     * claims, so tests can have fresh tenants and several users of one client without configuring them.
     */
    String tokenFor(String tenant, String subject, String client) {
        try {
            if (genuineClaims == null) {
                genuineClaims = SignedJWT.parse(localToken()).getJWTClaimsSet();
            }
            RSAKey key = (RSAKey) serverKeys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).get(0);
            JWTClaimsSet claims = new JWTClaimsSet.Builder(genuineClaims).subject(subject).claim("tenant", tenant)
                    .claim("client_id", client).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                    .jwtID(UUID.randomUUID().toString()).build();
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("cannot mint a token", e);
        }
    }

    /** A tenant name no other test uses. */
    static String freshTenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    ResponseEntity<String> upload(String token, String filename, byte[] content) {
        return upload(token, filename, content, null);
    }

    /** POST /v1/upload with an {@code Idempotency-Key} header, unless {@code idempotencyKey} is null. */
    ResponseEntity<String> upload(String token, String filename, byte[] content, String idempotencyKey) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        var headers = bearer(token);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.postForEntity("/v1/upload", new HttpEntity<>(body, headers), String.class);
    }

    ResponseEntity<String> get(String token, String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(bearer(token)), String.class);
    }

    JsonNode getJson(String token, String path) {
        ResponseEntity<String> response = get(token, path);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new IllegalStateException(path + " answered " + response.getStatusCode() + " " + response.getBody());
        }
        return read(response.getBody());
    }

    /** Uploads and returns the job id from the 202 answer. */
    String uploadAccepted(String token, String filename, byte[] content) {
        ResponseEntity<String> response = upload(token, filename, content);
        if (response.getStatusCode().value() != 202) {
            throw new IllegalStateException("upload answered " + response.getStatusCode() + " " + response.getBody());
        }
        return read(response.getBody()).path("jobId").asText();
    }

    JsonNode awaitJob(String token, String jobId, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PIPELINE_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                last[0] = getJson(token, "/v1/jobs/" + jobId);
            } catch (ResourceAccessException | HttpResponseException transport) {
                // Once in a CI run (stop 25) the test client (Jetty) failed to parse one poll's answer on a pooled
                // connection ("Line Folding not supported"); reruns of the class with the parser's debug log on did not
                // reproduce it. A poll that meets a transport error asks again, as any polling client would, and says so:
                // what the test asserts is the job's state, which the next answer carries.
                System.err.println("awaitJob " + jobId + ": transport error, polling again: " + transport);
                return false;
            }
            return condition.test(last[0]);
        });
        return last[0];
    }

    JsonNode awaitTerminal(String token, String jobId) {
        return awaitJob(token, jobId, job -> switch (job.path("status").asText()) {
            case "SUCCEEDED", "FAILED", "CANCELLED" -> true;
            default -> false;
        });
    }

    /** The job's step of that name, or a missing node when the job has none. */
    static JsonNode step(JsonNode job, String name) {
        for (JsonNode step : job.path("steps")) {
            if (name.equals(step.path("name").asText())) {
                return step;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The status of the job's step of that name; "absent" when the job has none. */
    static String stepStatus(JsonNode job, String name) {
        JsonNode step = step(job, name);
        return step.isMissingNode() ? "absent" : step.path("status").asText();
    }

    ResponseEntity<String> delete(String token, String path) {
        return http.exchange(path, HttpMethod.DELETE, new HttpEntity<>(bearer(token)), String.class);
    }

    /** POST {@code body} as JSON. */
    ResponseEntity<String> post(String token, String path, String body) {
        var headers = bearer(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    /**
     * Uploads every item at once, then waits for each job to end (as a bulk import does): the jobs as they ended,
     * by item, in upload order.
     */
    <T> Map<T, JsonNode> uploadAllThenAwait(String token, List<T> items, Function<T, String> filename,
            Function<T, byte[]> content) {
        Map<T, String> accepted = new LinkedHashMap<>();
        for (T item : items) {
            accepted.put(item, uploadAccepted(token, filename.apply(item), content.apply(item)));
        }
        Map<T, JsonNode> ended = new LinkedHashMap<>();
        accepted.forEach((item, jobId) -> ended.put(item, awaitTerminal(token, jobId)));
        return ended;
    }

    /** The asset of a job, as GET /v1/assets/{id} shows it. */
    JsonNode assetOf(String token, JsonNode job) {
        return getJson(token, "/v1/assets/" + job.path("assetId").asText());
    }

    /** The asset's renditions of one kind, in the asset's order. */
    static List<JsonNode> renditions(JsonNode asset, String kind) {
        List<JsonNode> found = new ArrayList<>();
        asset.path("renditions").forEach(r -> {
            if (kind.equals(r.path("kind").asText())) {
                found.add(r);
            }
        });
        return found;
    }

    /** GET a presigned URL; the bytes (an answer other than 2xx is an IOException naming the status). */
    static byte[] download(String presignedUrl) {
        try (var in = URI.create(presignedUrl).toURL().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the raw bucket holds {@code key}. */
    static boolean rawObjectExists(S3Client s3, String key) {
        try {
            s3.headObject(b -> b.bucket("aegis-raw").key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    HttpHeaders bearer(String token) {
        var headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return headers;
    }

    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
