package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /v1/jobs/events: a tenant's job changes are pushed to that tenant's streams, and to no other tenant's. */
class JobEventsIT extends PipelineTestSupport {

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void eachChangeOfAJobIsPushedToItsTenantOnly() throws Exception {
        String local = localToken();
        List<String> localLines = new CopyOnWriteArrayList<>();
        List<String> otherLines = new CopyOnWriteArrayList<>();
        CompletableFuture<?> localStream = stream(local, localLines);
        CompletableFuture<?> otherStream = stream(token("aegis-other", READ_WRITE), otherLines);
        try {
            await().atMost(PIPELINE_TIMEOUT).until(() -> localLines.contains("event:ready") && otherLines.contains("event:ready"));

            String jobId = uploadAccepted(local, "streamed.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));

            await().atMost(PIPELINE_TIMEOUT).until(() -> statuses(localLines, jobId).contains("SUCCEEDED"));
            List<String> statuses = statuses(localLines, jobId);
            assertThat(statuses).startsWith("QUEUED").contains("RUNNING").endsWith("SUCCEEDED");
            assertThat(jobEvents(localLines, jobId).map(this::read))
                    .allSatisfy(job -> assertThat(job.path("steps").isArray()).isTrue());
            assertThat(otherLines).noneMatch(line -> line.contains(jobId));
        } finally {
            localStream.cancel(true);
            otherStream.cancel(true);
        }
    }

    @Test
    void aHundredStreamsFromOneCallerGetTheirCapAndTheRest429WithRetryAfter() throws Exception {
        String token = tokenFor(freshTenant("watcher"), "dashboard", "aegis-local");
        HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<java.io.InputStream>>> opened = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            opened.add(http1.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/jobs/events"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<HttpResponse<java.io.InputStream>> responses = new java.util.ArrayList<>();
        try {
            for (var response : opened) {
                responses.add(response.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(responses).filteredOn(r -> r.statusCode() == 200).as("streams open at once").hasSize(perCaller);
            List<HttpResponse<java.io.InputStream>> refused = responses.stream().filter(r -> r.statusCode() != 200).toList();
            assertThat(refused).hasSize(100 - perCaller).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            });
        } finally {
            for (var response : responses) {
                response.body().close();
            }
        }
    }

    @org.springframework.beans.factory.annotation.Value("${aegis.api.event-streams.per-caller}")
    int perCaller;

    @Test
    void theStreamNeedsAToken() throws Exception {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/jobs/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private CompletableFuture<?> stream(String token, List<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/jobs/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    response.body().forEach(lines::add);
                });
    }

    private List<String> statuses(List<String> lines, String jobId) {
        return jobEvents(lines, jobId).map(data -> read(data).path("status").asText()).toList();
    }

    // Each pushed job is one data line holding the job as GET /v1/jobs/{id} shows it.
    private static Stream<String> jobEvents(List<String> lines, String jobId) {
        return List.copyOf(lines).stream()
                .filter(line -> line.startsWith("data:") && line.contains("\"jobId\":\"" + jobId + "\""))
                .map(line -> line.substring("data:".length()));
    }
}
