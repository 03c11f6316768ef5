package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Webhooks end to end: a receiver on loopback (the test configuration allows loopback; production does not) gets
 * signed deliveries of tenant "hooks"'s events, sees a retry after it answered 500, and an undelivered event lands in
 * the webhook DLQ, from which the admin API redrives it. The tries are visible to the tenant.
 */
class WebhookIT extends PipelineTestSupport {

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** How many more requests are answered 500 before the receiver answers 200. */
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile boolean alwaysFail;
    private String token;

    record Received(String id, String timestamp, String signature, String body, int answered) {
    }

    @BeforeEach
    void startReceiver() throws IOException {
        token = token("aegis-hooks", READ_WRITE);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = alwaysFail || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        for (JsonNode webhook : getJson(token, "/v1/webhooks").path("webhooks")) {
            delete(token, "/v1/webhooks/" + webhook.path("webhookId").asText());
        }
        receiver.stop(0);
    }

    @Test
    void aSignedDeliveryIsRetriedAfterA500AndTheTriesAreVisible() throws Exception {
        JsonNode webhook = register("{\"url\":\"" + url("/events") + "\",\"events\":[\"job.succeeded\",\"asset.deleted\"],"
                + "\"description\":\"test receiver\"}");
        String secret = webhook.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        String webhookId = webhook.path("webhookId").asText();
        // The secret is shown once: listing and reading do not show it.
        assertThat(getJson(token, "/v1/webhooks/" + webhookId).has("secret")).isFalse();
        assertThat(getJson(token, "/v1/webhooks").path("webhooks").get(0).has("secret")).isFalse();

        failuresLeft.set(1);
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "hooked.txt",
                "Webhook receivers verify signatures before trusting a payload.".getBytes(StandardCharsets.UTF_8)));
        String jobId = job.path("jobId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> forJob(jobId).size() >= 2);
        List<Received> tries = forJob(jobId);
        assertThat(tries.get(0).answered()).isEqualTo(500);
        assertThat(tries.get(1).answered()).isEqualTo(200);
        // The same message both times, each try signed with its own timestamp.
        assertThat(tries.get(1).id()).isEqualTo(tries.get(0).id());
        for (Received attempt : tries) {
            assertThat(attempt.signature()).isEqualTo(expectedSignature(secret, attempt));
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(attempt.timestamp()))).isLessThan(300);
        }
        JsonNode payload = read(tries.get(1).body());
        assertThat(payload.path("type").asText()).isEqualTo("job.succeeded");
        assertThat(payload.path("data").path("jobId").asText()).isEqualTo(jobId);
        assertThat(payload.path("data").path("status").asText()).isEqualTo("SUCCEEDED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode delivery = deliveryOf(webhookId, tries.get(0).id());
            assertThat(delivery.path("status").asText()).isEqualTo("DELIVERED");
            assertThat(delivery.path("attempts").findValuesAsText("statusCode")).containsExactly("500", "200");
        });

        // Deleting the asset is an event too.
        assertThat(delete(token, "/v1/assets/" + job.path("assetId").asText()).getStatusCode().value()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .anyMatch(r -> r.body().contains("asset.deleted") && r.body().contains(job.path("assetId").asText())));
    }

    @Test
    void anUndeliverableEventLandsInTheWebhookDlqAndIsRedrivenByAnOperator() {
        String webhookId = register("{\"url\":\"" + url("/down") + "\",\"events\":[\"job.succeeded\"]}")
                .path("webhookId").asText();
        alwaysFail = true;
        String jobId = awaitTerminal(token, uploadAccepted(token, "undelivered.txt",
                "Nobody is listening for this event.".getBytes(StandardCharsets.UTF_8))).path("jobId").asText();
        // max-attempts 3 in the test configuration.
        await().atMost(Duration.ofSeconds(30)).until(() -> forJob(jobId).size() >= 3);
        String messageId = forJob(jobId).get(0).id();
        String admin = token("aegis-admin", "media:read media:write admin");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(deliveryOf(webhookId, messageId).path("status").asText()).isEqualTo("FAILED");
            JsonNode dlq = queue(getJson(admin, "/v1/admin/dlq"), "aegis-webhooks");
            assertThat(dlq.path("messages").findValuesAsText("code")).contains("WEBHOOK_UNDELIVERED");
        });
        assertThat(forJob(jobId)).hasSize(3);

        alwaysFail = false;
        ResponseEntity<String> redrive = http.exchange("/v1/admin/dlq/aegis-webhooks/redrive", HttpMethod.POST,
                new HttpEntity<>(bearer(admin)), String.class);
        assertThat(redrive.getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(deliveryOf(webhookId, messageId).path("status").asText()).isEqualTo("DELIVERED"));
        assertThat(forJob(jobId).get(forJob(jobId).size() - 1).answered()).isEqualTo(200);
    }

    @Test
    void registrationsToPrivateAddressesAndOtherMistakesAreRefused() {
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data",
                "http://192.168.0.10:8080/", "http://[::ffff:10.0.0.1]/", "http://[fd00::1]/", "ftp://example.com/",
                "http://user:pass@example.com/", "not a url")) {
            ResponseEntity<String> refused = post(token, "/v1/webhooks",
                    "{\"url\":\"" + url + "\",\"events\":[\"job.failed\"]}");
            assertThat(refused.getStatusCode().value()).as(url).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        }
        assertThat(post(token, "/v1/webhooks", "{\"url\":\"" + url("/x") + "\",\"events\":[\"job.exploded\"]}")
                .getStatusCode().value()).isEqualTo(400);
        assertThat(post(token, "/v1/webhooks", "{\"url\":\"" + url("/x") + "\"}").getStatusCode().value()).isEqualTo(400);

        String webhookId = register("{\"url\":\"" + url("/mine") + "\",\"events\":[\"job.failed\"]}")
                .path("webhookId").asText();
        String other = token("aegis-other", READ_WRITE);
        assertThat(get(other, "/v1/webhooks/" + webhookId).getStatusCode().value()).isEqualTo(404);
        assertThat(delete(other, "/v1/webhooks/" + webhookId).getStatusCode().value()).isEqualTo(404);
        assertThat(get(other, "/v1/webhooks/" + webhookId + "/deliveries").getStatusCode().value()).isEqualTo(404);
        assertThat(getJson(other, "/v1/webhooks").path("webhooks").findValuesAsText("webhookId")).doesNotContain(webhookId);
        // Webhooks need media:write even to be read.
        assertThat(get(token("aegis-hooks", "media:read"), "/v1/webhooks").getStatusCode().value()).isEqualTo(403);
        assertThat(delete(token, "/v1/webhooks/" + webhookId).getStatusCode().value()).isEqualTo(204);
        assertThat(get(token, "/v1/webhooks/" + webhookId).getStatusCode().value()).isEqualTo(404);
    }

    private JsonNode register(String body) {
        ResponseEntity<String> created = post(token, "/v1/webhooks", body);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return read(created.getBody());
    }

    private List<Received> forJob(String jobId) {
        return received.stream().filter(r -> r.body().contains(jobId)).toList();
    }

    private JsonNode deliveryOf(String webhookId, String messageId) {
        for (JsonNode delivery : getJson(token, "/v1/webhooks/" + webhookId + "/deliveries").path("deliveries")) {
            if (delivery.path("eventId").asText().equals(messageId)) {
                return delivery;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode queue(JsonNode report, String name) {
        for (JsonNode queue : report.path("queues")) {
            if (name.equals(queue.path("queue").asText())) {
                return queue;
            }
        }
        throw new AssertionError("no queue " + name + " in " + report);
    }

    // Computed here from the Standard Webhooks rules, not with the application's signer.
    private static String expectedSignature(String secret, Received attempt) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] digest = mac.doFinal((attempt.id() + "." + attempt.timestamp() + "." + attempt.body())
                .getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }
}
