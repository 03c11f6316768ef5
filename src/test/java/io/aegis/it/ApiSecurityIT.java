package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Tokens, scopes and tenant isolation as a client meets them. */
class ApiSecurityIT extends PipelineTestSupport {

    @Test
    void noTokenIs401WithAProblemBody() {
        ResponseEntity<String> response = get(null, "/v1/jobs");

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void aForgedTokenIs401() {
        assertThat(get("eyJhbGciOiJub25lIn0.eyJ0ZW5hbnQiOiJsb2NhbCJ9.", "/v1/jobs").getStatusCode().value())
                .isEqualTo(401);
    }

    @Test
    void uploadingWithOnlyTheReadScopeIs403() {
        String readOnly = token("aegis-local", "media:read");

        ResponseEntity<String> response = upload(readOnly, "a.txt", "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void readingWithOnlyTheWriteScopeIs403() {
        assertThat(get(token("aegis-local", "media:write"), "/v1/jobs").getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void anotherTenantsJobAndAssetAre404NotForbidden() {
        String local = localToken();
        String jobId = uploadAccepted(local, "private.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
        String assetId = getJson(local, "/v1/jobs/" + jobId).path("assetId").asText();
        String other = token("aegis-other", READ_WRITE);

        ResponseEntity<String> job = get(other, "/v1/jobs/" + jobId);
        ResponseEntity<String> asset = get(other, "/v1/assets/" + assetId);

        assertThat(job.getStatusCode().value()).isEqualTo(404);
        assertThat(asset.getStatusCode().value()).isEqualTo(404);
        assertThat(read(job.getBody()).path("detail").asText()).doesNotContain("local");
        assertThat(getJson(other, "/v1/jobs?limit=100").path("items").findValuesAsText("jobId")).doesNotContain(jobId);
        assertThat(get(local, "/v1/jobs/" + jobId).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aClientCannotClaimATenantThroughAHeader() {
        String other = token("aegis-other", READ_WRITE);
        String jobId = uploadAccepted(localToken(), "mine.txt", "mine".getBytes(StandardCharsets.UTF_8));
        var headers = bearer(other);
        headers.add("aegis.tenant", "local");

        ResponseEntity<String> response = http.exchange("/v1/jobs/" + jobId, org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(headers), String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
    }
}
