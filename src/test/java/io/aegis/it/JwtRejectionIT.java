package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.JobStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Tokens a hostile client could present. Each bad token is a genuine one of the local issuer with one thing
 * wrong (or signed wrongly); all are 401 problem+json, and none of them gets an upload stored or a job
 * created (checked in S3 and DynamoDB). A control token minted the same way with nothing wrong is accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtRejectionIT extends PipelineTestSupport {

    @Autowired
    S3Client s3;

    @Autowired
    JobStore jobs;

    @Autowired
    ResourceNames names;

    static final String BOUNDARY = "intrusion-boundary";
    static final String MULTIPART = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
            + "filename=\"intrusion.txt\"\r\nContent-Type: text/plain\r\n\r\nmust not be stored\r\n--" + BOUNDARY + "--\r\n";

    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newHttpClient();

    // The intruder's own tenant: anything stored or created for it would be a side effect of a bad token.
    final String tenant = "intruder-" + UUID.randomUUID();
    RSAKey serverKey;
    JWTClaimsSet genuine;

    @BeforeAll
    void mintFromAGenuineToken() throws Exception {
        serverKey = (RSAKey) serverKeys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).get(0);
        JWTClaimsSet real = SignedJWT.parse(localToken()).getJWTClaimsSet();
        genuine = new JWTClaimsSet.Builder(real).claim("tenant", tenant).build();
    }

    @Test
    void theControlTokenMintedTheSameWayIsAcceptedAndItsUploadTooButForItsOwnTenant() throws Exception {
        assertThat(send(signed(genuine, serverKey), "GET", "/v1/jobs", null).statusCode()).isEqualTo(200);
        // The very request the bad tokens send is a valid upload: refused for the token alone.
        String control = signed(with(c -> c.claim("tenant", "control-" + UUID.randomUUID())), serverKey);
        assertThat(send(control, "POST", "/v1/upload", MULTIPART).statusCode()).isEqualTo(202);
    }

    @TestFactory
    Stream<DynamicTest> everyBadTokenIs401ProblemJson() throws Exception {
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("malformed", "not-a-jwt");
        tokens.put("malformed with dots", "eyJhbGciOiJSUzI1NiJ9.%%%.abc");
        tokens.put("alg=none", new PlainJWT(genuine).serialize());
        tokens.put("HS256 keyed with the server's public key", hs256WithTheServersPublicKey());
        tokens.put("wrong issuer", signed(with(c -> c.issuer("https://issuer.evil.example")), serverKey));
        tokens.put("wrong audience", signed(with(c -> c.audience("some-other-api")), serverKey));
        tokens.put("no audience", signed(with(c -> c.audience((String) null)), serverKey));
        tokens.put("expired beyond the clock skew", signed(with(c -> c
                .issueTime(Date.from(now.minusSeconds(3600))).expirationTime(Date.from(now.minusSeconds(300)))),
                serverKey));
        tokens.put("not yet valid", signed(with(c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))), serverKey));
        tokens.put("no expiry", signed(with(c -> c.expirationTime(null)), serverKey));
        tokens.put("unknown kid", signed(genuine, new RSAKey.Builder(serverKey).keyID("rotated-away").build()));
        tokens.put("a key the server does not know, under its kid",
                signed(genuine, new RSAKeyGenerator(2048).keyID(serverKey.getKeyID()).generate()));
        tokens.put("tampered payload", tampered(signed(genuine, serverKey)));
        tokens.put("missing tenant claim", signed(with(c -> c.claim("tenant", null)), serverKey));
        tokens.put("blank tenant claim", signed(with(c -> c.claim("tenant", " ")), serverKey));
        // Names the bucket layout uses itself, and names that are no tenant key segment.
        tokens.put("tenant claim 'inbox' (the drop-in prefix)", signed(with(c -> c.claim("tenant", "inbox")), serverKey));
        tokens.put("tenant claim 'rejected'", signed(with(c -> c.claim("tenant", "rejected")), serverKey));
        tokens.put("tenant claim with a slash", signed(with(c -> c.claim("tenant", "local/../other")), serverKey));
        tokens.put("tenant claim with spaces and capitals", signed(with(c -> c.claim("tenant", "Acme Corp")), serverKey));
        tokens.put("tenant claim of 65 characters", signed(with(c -> c.claim("tenant", "a".repeat(65))), serverKey));
        tokens.put("tenant claim that is not a string", signed(with(c -> c.claim("tenant", List.of("local"))), serverKey));
        tokens.put("issued by the real server to a client without a tenant", token("aegis-notenant", READ_WRITE));
        return tokens.entrySet().stream().map(entry -> dynamicTest(entry.getKey(), () -> {
            HttpResponse<String> upload = send(entry.getValue(), "POST", "/v1/upload", MULTIPART);
            HttpResponse<String> list = send(entry.getValue(), "GET", "/v1/jobs", null);

            for (HttpResponse<String> response : List.of(upload, list)) {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
                assertThat(read(response.body()).path("status").asInt()).isEqualTo(401);
            }
        }));
    }

    @AfterAll
    void nothingWasStoredCreatedOrQueued() {
        // The upload route stores the file, then writes the job row, then queues JOB_CREATED: with neither an
        // object nor a job row of the intruder's tenant, nothing was queued either.
        for (String bucket : new String[] {names.buckets().raw(), names.buckets().processed()}) {
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(tenant + "/")).contents()).isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("inbox/" + tenant + "/")).contents()).isEmpty();
        }
        assertThat(jobs.listByTenant(tenant, null, 10, null, 10).jobs()).isEmpty();
    }

    // The JDK client: the test template's Jetty client aborts a body the server answered early, as here.
    private HttpResponse<String> send(String token, String method, String path, String multipart) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (multipart != null) {
            request.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        }
        request.method(method, multipart == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(multipart));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JWTClaimsSet with(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder(genuine)).build();
    }

    private static String signed(JWTClaimsSet claims, RSAKey key) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** Algorithm confusion: the public key (as published at /oauth2/jwks) used as an HMAC secret. */
    private String hs256WithTheServersPublicKey() throws Exception {
        JWKSet published = JWKSet.parse(http.getForObject("/oauth2/jwks", String.class));
        RSAKey publicKey = (RSAKey) published.getKeyByKeyId(serverKey.getKeyID());
        assertThat(publicKey.isPrivate()).isFalse();
        JWSSigner signer = new MACSigner(publicKey.toRSAPublicKey().getEncoded());
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(serverKey.getKeyID()).build(), genuine);
        jwt.sign(signer);
        return jwt.serialize();
    }

    // Same header and signature, a payload naming another tenant.
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("intruder-", "local-");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
