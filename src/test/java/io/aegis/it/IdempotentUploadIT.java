package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.services.s3.S3Client;

/** POST /v1/upload with an Idempotency-Key: a repeat, even a concurrent one, never makes a second job. */
class IdempotentUploadIT extends PipelineTestSupport {

    static final byte[] NOTE = "Idempotent uploads make retries safe.\n".getBytes(StandardCharsets.UTF_8);

    @Autowired
    S3Client s3;

    @Test
    void aRepeatedKeyAnswersWithTheFirstJobAndStoresNothingNew() {
        String token = localToken();
        String key = "retry-" + UUID.randomUUID();

        ResponseEntity<String> first = upload(token, key, "note.txt", NOTE);
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        JsonNode accepted = read(first.getBody());
        String jobId = accepted.path("jobId").asText();
        String assetId = accepted.path("assetId").asText();
        int objectsAfterFirst = rawObjectCount();
        int jobsAfterFirst = jobCount(token);

        ResponseEntity<String> repeat = upload(token, key, "note.txt", NOTE);
        // Documented: the key names the request, so even a different file is answered with the first job.
        ResponseEntity<String> otherFile = upload(token, key, "other.txt", "something else".getBytes(StandardCharsets.UTF_8));

        for (ResponseEntity<String> again : List.of(repeat, otherFile)) {
            assertThat(again.getStatusCode().value()).isEqualTo(202);
            JsonNode body = read(again.getBody());
            assertThat(body.path("jobId").asText()).isEqualTo(jobId);
            assertThat(body.path("assetId").asText()).isEqualTo(assetId);
            assertThat(body.path("status").asText()).isEqualTo("QUEUED");
            assertThat(again.getHeaders().getLocation()).hasToString("/v1/jobs/" + jobId);
            assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        }
        assertThat(first.getHeaders().containsKey("Idempotent-Replayed")).isFalse();
        assertThat(rawObjectCount()).isEqualTo(objectsAfterFirst);
        assertThat(jobCount(token)).isEqualTo(jobsAfterFirst);
        assertThat(awaitTerminal(token, jobId).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void concurrentUploadsWithOneKeyMakeExactlyOneJob() throws Exception {
        String token = localToken();
        String key = "race-" + UUID.randomUUID();
        int jobsBefore = jobCount(token);
        int threads = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<ResponseEntity<String>> call = () -> {
                    start.await();
                    return uploadRetryingWhileInFlight(token, key);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Set<String> jobIds = new HashSet<>();
            for (Future<ResponseEntity<String>> answer : answers) {
                ResponseEntity<String> response = answer.get();
                assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(202);
                jobIds.add(read(response.getBody()).path("jobId").asText());
            }
            assertThat(jobIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jobCount(token)).isEqualTo(jobsBefore + 1);
    }

    @Test
    void theSameKeyFromAnotherTenantIsIndependent() {
        String key = "shared-" + UUID.randomUUID();
        ResponseEntity<String> local = upload(localToken(), key, "note.txt", NOTE);
        ResponseEntity<String> other = upload(token("aegis-other", READ_WRITE), key, "note.txt", NOTE);

        assertThat(local.getStatusCode().value()).isEqualTo(202);
        assertThat(other.getStatusCode().value()).isEqualTo(202);
        assertThat(read(other.getBody()).path("jobId").asText())
                .isNotEqualTo(read(local.getBody()).path("jobId").asText());
        assertThat(other.getHeaders().containsKey("Idempotent-Replayed")).isFalse();
    }

    @Test
    void anInvalidKeyIs400AndNothingIsStored() {
        String token = localToken();
        int objectsBefore = rawObjectCount();
        for (String invalid : List.of("x".repeat(256), "caf\u00e9", "tab\there")) {
            ResponseEntity<String> response = upload(token, invalid, "note.txt", NOTE);
            assertThat(response.getStatusCode().value()).as(invalid).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(read(response.getBody()).path("detail").asText()).contains("Idempotency-Key");
        }
        assertThat(upload(token, "k".repeat(255), "note.txt", NOTE).getStatusCode().value()).isEqualTo(202);
        assertThat(rawObjectCount()).isEqualTo(objectsBefore + 1);
    }

    /** A client honouring 409 + Retry-After: the first request may still be storing its file. */
    private ResponseEntity<String> uploadRetryingWhileInFlight(String token, String key) throws InterruptedException {
        for (int attempt = 0; attempt < 30; attempt++) {
            ResponseEntity<String> response = upload(token, key, "race.txt", NOTE);
            if (response.getStatusCode().value() != 409) {
                return response;
            }
            assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            Thread.sleep(200);
        }
        throw new AssertionError("still 409 after 30 attempts");
    }

    private ResponseEntity<String> upload(String token, String key, String filename, byte[] content) {
        return upload(token, filename, content, key);
    }

    private int jobCount(String token) {
        int count = 0;
        String cursor = "";
        do {
            JsonNode page = getJson(token, "/v1/jobs?limit=100" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            count += page.path("items").size();
            cursor = page.path("nextCursor").asText("");
        } while (!cursor.isEmpty());
        return count;
    }

    private int rawObjectCount() {
        return s3.listObjectsV2Paginator(b -> b.bucket("aegis-raw").prefix("local/")).contents().stream()
                .mapToInt(o -> 1).sum();
    }
}
