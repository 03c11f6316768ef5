package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.platform.aws.ResourceNames;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Resumable uploads against the embedded S3 (S3Proxy, filesystem store): a 64 MB file in 8 MB parts through presigned
 * part URLs, cut off after half its parts, resumed from what S3 says it holds, completed, and processed.
 */
class MultipartUploadIT extends PipelineTestSupport {

    static final int SIZE = 64 * 1024 * 1024;

    @Autowired
    S3Client s3;

    @Autowired
    ResourceNames names;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aLargeUploadInterruptedAfterHalfItsPartsCompletesAfterResuming() throws Exception {
        String token = localToken();
        byte[] file = new byte[SIZE];
        new Random(42).nextBytes(file);

        JsonNode started = read(post(token, "/v1/uploads",
                "{\"filename\":\"big.bin\",\"contentType\":\"application/octet-stream\",\"sizeBytes\":" + SIZE + "}")
                .getBody());
        assertThat(started.path("method").asText()).isEqualTo("MULTIPART");
        assertThat(started.path("partCount").asInt()).isEqualTo(8);
        String jobId = started.path("jobId").asText();
        JsonNode parts = started.path("parts");
        assertThat(parts).hasSize(8);

        // Half the parts go through; then the connection drops in the middle of part 5 (S3 refuses a short part).
        for (int i = 0; i < 4; i++) {
            assertThat(put(parts.get(i), file, false)).isEqualTo(200);
        }
        assertThat(put(parts.get(4), file, true)).isNotEqualTo(200);
        assertThat(getJson(token, "/v1/jobs/" + jobId).path("status").asText()).isEqualTo("QUEUED");

        // Completing now is refused and names what is missing.
        ResponseEntity<String> early = post(token, "/v1/uploads/" + jobId + "/complete", "");
        assertThat(early.getStatusCode().value()).isEqualTo(409);
        assertThat(early.getBody()).contains("[5, 6, 7, 8]");

        // Resume: S3 holds parts 1-4; fresh URLs come for 5-8 only.
        JsonNode status = getJson(token, "/v1/uploads/" + jobId);
        assertThat(status.path("completedParts").toString()).isEqualTo("[1,2,3,4]");
        List<Integer> missing = new ArrayList<>();
        for (JsonNode part : status.path("parts")) {
            missing.add(part.path("partNumber").asInt());
            assertThat(put(part, file, false)).isEqualTo(200);
        }
        assertThat(missing).containsExactly(5, 6, 7, 8);

        ResponseEntity<String> completed = post(token, "/v1/uploads/" + jobId + "/complete", "");
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(202);
        // A repeated complete (its answer lost) answers the same job.
        assertThat(post(token, "/v1/uploads/" + jobId + "/complete", "").getStatusCode().value()).isEqualTo(202);

        JsonNode job = awaitTerminal(token, jobId);
        assertThat(getJson(token, "/v1/assets/" + job.path("assetId").asText()).path("sizeBytes").asLong()).isEqualTo(SIZE);
        // Random bytes are no media kind Aegis handles: the job ends with that reason, after reading the whole file.
        assertThat(job.path("error").path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        String rawKey = "local/" + job.path("assetId").asText() + "/original/big.bin";
        try (InputStream stored = s3.getObject(b -> b.bucket(names.buckets().raw()).key(rawKey))) {
            assertThat(sha256(stored.readAllBytes())).isEqualTo(sha256(file));
        }
    }

    @Test
    void anAbortedUploadCancelsItsJobAndKeepsNoParts() throws Exception {
        String token = localToken();
        int size = 9 * 1024 * 1024;
        byte[] file = new byte[size];
        JsonNode started = read(post(token, "/v1/uploads",
                "{\"filename\":\"gone.bin\",\"contentType\":\"application/octet-stream\",\"sizeBytes\":" + size + "}")
                .getBody());
        String jobId = started.path("jobId").asText();
        assertThat(put(started.path("parts").get(0), file, false)).isEqualTo(200);
        // Another tenant sees no such upload.
        assertThat(get(token("aegis-other", READ_WRITE), "/v1/uploads/" + jobId).getStatusCode().value()).isEqualTo(404);

        assertThat(http.exchange("/v1/uploads/" + jobId, HttpMethod.DELETE, new HttpEntity<>(bearer(token)),
                String.class).getStatusCode().value()).isEqualTo(204);
        assertThat(getJson(token, "/v1/jobs/" + jobId).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(get(token, "/v1/uploads/" + jobId).getStatusCode().value()).isEqualTo(404);
        assertThat(post(token, "/v1/uploads/" + jobId + "/complete", "").getStatusCode().value()).isEqualTo(409);
    }

    private int put(JsonNode part, byte[] file, boolean cutShort) throws Exception {
        int offset = part.path("offset").asInt();
        int length = part.path("sizeBytes").asInt();
        byte[] bytes = Arrays.copyOfRange(file, offset, offset + (cutShort ? length / 2 : length));
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(part.path("url").asText()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (java.io.IOException dropped) {
            if (!cutShort) {
                throw dropped;
            }
            return -1; // S3 refused the short part by closing the connection: the same as a dropped one
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
