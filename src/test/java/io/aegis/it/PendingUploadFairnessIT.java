package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.orchestrate.PresignedUploadProperties;
import io.aegis.state.PendingUploadStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Pending presigned uploads are found by expiry, never by a scan one tenant can starve: with 200 of tenant A's
 * uploads awaiting their files, tenant B's file that lands starts its job within the poll bound (every pending upload
 * is looked at within ceil(pending / max-per-check) checks). And a tenant's pending uploads are capped (429).
 */
class PendingUploadFairnessIT extends PipelineTestSupport {

    static final byte[] NOTE = "Minutes of the harbour board: the new pier opens in May.".getBytes(StandardCharsets.UTF_8);

    @Autowired
    PresignedUploadProperties presign;

    @Autowired
    PendingUploadStore pending;

    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void twoHundredPendingUploadsOfOneTenantDoNotHoldUpAnothersFile() throws Exception {
        String a = tokenFor(freshTenant("many"), "uploader-a", "aegis-local");
        String b = tokenFor(freshTenant("one"), "uploader-b", "aegis-local");
        List<String> waiting = Collections.synchronizedList(new ArrayList<>());
        try {
            // Eight at a time: the point is how many are pending, not how fast they came.
            ForkJoinPool requests = new ForkJoinPool(8);
            try {
                requests.submit(() -> IntStream.range(0, 200).parallel().forEach(i ->
                        waiting.add(rawKey(requestUpload(a, "never-" + i + ".txt"))))).get();
            } finally {
                requests.shutdown();
            }
            JsonNode issued = requestUpload(b, "pier.txt");
            String jobId = issued.path("jobId").asText();
            long started = System.nanoTime();
            assertThat(put(issued.path("uploadUrl").asText())).isEqualTo(200);

            // Every pending upload is looked at within ceil(n / max-per-check) checks; each look is a HEAD.
            long n = pendingCount();
            long checks = (n + presign.maxPerCheck() - 1) / presign.maxPerCheck() + 1;
            Duration bound = presign.checkDelay().multipliedBy(checks).plusMillis(100 * n).plusSeconds(15);
            await().atMost(bound).pollInterval(Duration.ofMillis(100))
                    .until(() -> !getJson(b, "/v1/jobs/" + jobId).path("status").asText().equals("QUEUED"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(bound);
            assertThat(awaitTerminal(b, jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        } finally {
            // No longer awaited, so the other tests' checks do not walk them (their jobs just stay QUEUED).
            waiting.forEach(pending::remove);
        }
    }

    @Test
    void aTenantsPendingUploadsAreCappedAndACancelledOneMakesRoom() throws Exception {
        // The test profile gives tenant "capped" a quota of 2 pending uploads.
        String capped = tokenFor("capped", "uploader-c", "aegis-local");
        List<String> jobs = new ArrayList<>();
        try {
            jobs.add(requestUpload(capped, "first.txt").path("jobId").asText());
            jobs.add(requestUpload(capped, "second.txt").path("jobId").asText());

            ResponseEntity<String> third = post(capped, "third.txt");
            assertThat(third.getStatusCode().value()).isEqualTo(429);
            assertThat(third.getHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(read(third.getBody()).path("detail").asText()).contains("presigned uploads");

            http.exchange("/v1/jobs/" + jobs.remove(0), HttpMethod.DELETE, new HttpEntity<>(bearer(capped)), String.class);
            ResponseEntity<String> again = post(capped, "third.txt");
            assertThat(again.getStatusCode().value()).isEqualTo(201);
            jobs.add(read(again.getBody()).path("jobId").asText());
        } finally {
            jobs.forEach(jobId -> http.exchange("/v1/jobs/" + jobId, HttpMethod.DELETE, new HttpEntity<>(bearer(capped)), String.class));
        }
    }

    // The object key is the presigned URL's path after the bucket.
    private static String rawKey(JsonNode issued) {
        String path = URI.create(issued.path("uploadUrl").asText()).getPath();
        return path.substring(path.indexOf('/', 1) + 1);
    }

    private long pendingCount() {
        long count = 0;
        var page = pending.after(null, 500);
        count += page.uploads().size();
        while (page.next() != null) {
            page = pending.after(page.next(), 500);
            count += page.uploads().size();
        }
        return count;
    }

    private JsonNode requestUpload(String token, String filename) {
        ResponseEntity<String> response = post(token, filename);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        return read(response.getBody());
    }

    private ResponseEntity<String> post(String token, String filename) {
        var headers = bearer(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"filename\":\"" + filename + "\",\"contentType\":\"text/plain\",\"sizeBytes\":" + NOTE.length + "}";
        return http.postForEntity("/v1/uploads", new HttpEntity<>(body, headers), String.class);
    }

    private int put(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(NOTE)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
