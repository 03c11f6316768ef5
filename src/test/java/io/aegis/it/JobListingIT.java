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
}
