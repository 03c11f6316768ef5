package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /v1/jobs: the caller's jobs, newest first, in pages. */
class JobListingIT extends PipelineTestSupport {

    @Test
    void jobsAreListedNewestFirstAndPageWithACursor() {
        String token = token("aegis-other", READ_WRITE);
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uploaded.add(uploadAccepted(token, "page-" + i + ".txt", ("page " + i).getBytes(StandardCharsets.UTF_8)));
        }

        JsonNode first = getJson(token, "/v1/jobs?limit=2");
        JsonNode second = getJson(token, "/v1/jobs?limit=2&cursor=" + first.path("nextCursor").asText());

        assertThat(first.path("items").findValuesAsText("jobId")).containsExactly(uploaded.get(2), uploaded.get(1));
        assertThat(second.path("items").get(0).path("jobId").asText()).isEqualTo(uploaded.get(0));
    }

    @Test
    void theStatusFilterAndBadParametersBehave() {
        String token = localToken();
        String jobId = uploadAccepted(token, "empty-for-filter.txt", new byte[0]);
        awaitTerminal(token, jobId);

        JsonNode failed = getJson(token, "/v1/jobs?status=FAILED&limit=100");
        assertThat(failed.path("items").findValuesAsText("jobId")).contains(jobId);
        failed.path("items").forEach(job -> assertThat(job.path("status").asText()).isEqualTo("FAILED"));

        assertThat(get(token, "/v1/jobs?status=BOGUS").getStatusCode().value()).isEqualTo(400);
        assertThat(get(token, "/v1/jobs?limit=0").getStatusCode().value()).isEqualTo(400);
        assertThat(get(token, "/v1/jobs?cursor=not-a-cursor").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aSparseFilterReadsABoundedNumberOfPagesAndAnswersWithACursor() {
        String token = tokenFor(freshTenant("ledger"), "bookkeeper", "aegis-local");
        String failed = uploadAccepted(token, "empty.txt", new byte[0]);
        assertThat(awaitTerminal(token, failed).path("status").asText()).isEqualTo("FAILED");
        List<String> newer = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            newer.add(presign(token, "later-" + i + ".txt"));
        }
        try {
            // One job asked for, eight newer ones that do not match: the test profile reads 3 index pages a call.
            JsonNode first = getJson(token, "/v1/jobs?status=FAILED&limit=1");
            assertThat(first.path("items")).as("nothing within the pages read").isEmpty();
            assertThat(first.path("nextCursor").asText()).as("a cursor to go on from").isNotBlank();

            JsonNode page = first;
            List<String> found = new ArrayList<>();
            for (int call = 0; call < 5 && found.isEmpty(); call++) {
                page = getJson(token, "/v1/jobs?status=FAILED&limit=1&cursor=" + page.path("nextCursor").asText());
                found.addAll(page.path("items").findValuesAsText("jobId"));
            }
            assertThat(found).containsExactly(failed);
        } finally {
            newer.forEach(jobId -> http.exchange("/v1/jobs/" + jobId, org.springframework.http.HttpMethod.DELETE,
                    new org.springframework.http.HttpEntity<>(bearer(token)), String.class));
        }
    }

    @Test
    void anUploadIs429WhileTheTenantHasAsManyJobsWaitingAsItMay() {
        // The test profile lets tenant "backlog" have 2 jobs waiting; presigned uploads not yet sent are waiting jobs.
        String token = tokenFor("backlog", "uploader", "aegis-local");
        List<String> waiting = List.of(presign(token, "one.txt"), presign(token, "two.txt"));
        try {
            var upload = upload(token, "three.txt", "more".getBytes(StandardCharsets.UTF_8));
            assertThat(upload.getStatusCode().value()).isEqualTo(429);
            assertThat(upload.getHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(read(upload.getBody()).path("detail").asText()).contains("2 jobs waiting");
            assertThat(presignResponse(token, "four.txt").getStatusCode().value()).isEqualTo(429);
        } finally {
            waiting.forEach(jobId -> http.exchange("/v1/jobs/" + jobId, org.springframework.http.HttpMethod.DELETE,
                    new org.springframework.http.HttpEntity<>(bearer(token)), String.class));
        }
        assertThat(presignResponse(token, "five.txt").getStatusCode().value()).as("room again").isEqualTo(201);
    }

    private String presign(String token, String filename) {
        var response = presignResponse(token, filename);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        return read(response.getBody()).path("jobId").asText();
    }

    private org.springframework.http.ResponseEntity<String> presignResponse(String token, String filename) {
        var headers = bearer(token);
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return http.postForEntity("/v1/uploads", new org.springframework.http.HttpEntity<>(
                "{\"filename\":\"" + filename + "\",\"contentType\":\"text/plain\",\"sizeBytes\":4}", headers), String.class);
    }
}
