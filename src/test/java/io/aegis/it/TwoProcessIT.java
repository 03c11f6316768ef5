package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.state.Job;
import io.aegis.testmedia.TestImages;
import io.aegis.testmedia.TestPdfs;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The horizontal deployment: an api+orchestrator+ai process and a separate media worker process, sharing
 * S3, SQS and DynamoDB (here in the test JVM; `make aws-local` for people). Jobs complete, and each step
 * is recorded as run by the process that holds its role. (The ai role stays with the api: the default search store
 * belongs to one process; AwsDeploymentIT runs every role apart, with the shared pgvector store.) The api process runs with a small heap, which the
 * streaming upload test relies on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoProcessIT {

    /** Steps the api process runs: its orchestrator's and its ai worker's (aegis.steps.queue). */
    static final Set<String> API_PROCESS_STEPS = Set.of("validate", "metadata", "summarize", "analyze-image", "embed");
    static final long STREAMED_BYTES = 300L * 1024 * 1024;

    ChildAwsServers aws;
    AppProcess api;
    AppProcess worker;

    @BeforeAll
    void startProcesses() {
        aws = ChildAwsServers.start();
        Map<String, String> apiProps = new HashMap<>(AppProcess.externalAws(aws, aws.childDir("api")));
        apiProps.put("aegis.roles", "api,orchestrator,ai");
        apiProps.put("aegis.upload.max-bytes", "400MB");
        Map<String, String> workerProps = new HashMap<>(AppProcess.externalAws(aws, aws.childDir("worker")));
        workerProps.put("aegis.roles", "media");
        var apiStart = CompletableFuture.supplyAsync(() -> AppProcess.start("api", apiProps, List.of("-Xmx256m")));
        var workerStart = CompletableFuture.supplyAsync(() -> AppProcess.start("worker", workerProps, List.of("-Xmx384m")));
        api = apiStart.join();
        worker = workerStart.join();
    }

    @AfterAll
    void stopAll() {
        for (AutoCloseable closeable : new AutoCloseable[] {api, worker, aws}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // Best effort: the next one still gets closed.
            }
        }
    }

    @Test
    void eachStepRunsInTheProcessThatHoldsItsRole() {
        String token = api.token();
        List<String> jobIds = List.of(
                api.upload(token, "photo.jpg", TestImages.jpeg(640, 480)),
                api.upload(token, "notes.pdf", TestPdfs.pages("Notes", "Two processes share one queue.")));

        for (String jobId : jobIds) {
            JsonNode[] job = new JsonNode[1];
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
                job[0] = api.job(token, jobId);
                return Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job[0].path("status").asText());
            });
            assertThat(job[0].path("status").asText()).as("%s", job[0]).isEqualTo("SUCCEEDED");
            assertThat(job[0].path("steps")).hasSizeGreaterThan(2);
            for (JsonNode step : job[0].path("steps")) {
                // The default worker id is host:pid, so the pid names the process.
                AppProcess expected = API_PROCESS_STEPS.contains(step.path("name").asText()) ? api : worker;
                assertThat(step.path("worker").asText()).as("%s of %s", step.path("name"), jobId)
                        .endsWith(":" + expected.pid());
                assertThat(step.path("attempts").asInt()).as("%s of %s", step.path("name"), jobId).isEqualTo(1);
            }
        }
    }

    @Test
    void aThreeHundredMegabyteUploadStreamsThroughASmallHeapIntact() throws Exception {
        String token = api.token();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        String jobId = api.upload(token, "big.bin", () -> new DigestInputStream(new GeneratedBytes(STREAMED_BYTES), sent));

        Job job = aws.job(jobId);
        assertThat(job.sizeBytes()).isEqualTo(STREAMED_BYTES);
        MessageDigest stored = MessageDigest.getInstance("SHA-256");
        long storedBytes;
        try (InputStream in = aws.s3().getObject(b -> b.bucket(ChildAwsServers.RAW_BUCKET).key(job.rawKey()))) {
            storedBytes = new DigestInputStream(in, stored).transferTo(OutputStream.nullOutputStream());
        }
        assertThat(storedBytes).isEqualTo(STREAMED_BYTES);
        assertThat(HexFormat.of().formatHex(stored.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        assertThat(api.alive()).as("api process (-Xmx256m) still running").isTrue();
        assertThat(api.logText()).doesNotContain("OutOfMemoryError");
    }

    /** {@code size} pseudo-random bytes (xorshift), made as they are read: never held in memory. */
    static final class GeneratedBytes extends InputStream {
        private long remaining;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedBytes(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                buffer[offset + i] = (byte) state;
            }
            remaining -= n;
            return n;
        }
    }
}
