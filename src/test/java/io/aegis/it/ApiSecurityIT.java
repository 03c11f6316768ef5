package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
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
    void anotherTenantMeetsTenantLocalsResourcesAs404OnEveryEndpoint() {
        String local = localToken();
        String other = token("aegis-other", READ_WRITE);
        String textJob = uploadAccepted(local, "private.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
        String imageJob = uploadAccepted(local, "private.jpg", TestImages.jpeg(320, 240));

        // DELETE by the other tenant while the job runs: 404 (not 409, not 403), and the job is not cancelled.
        ResponseEntity<String> cancel = http.exchange("/v1/jobs/" + imageJob, HttpMethod.DELETE,
                new HttpEntity<>(bearer(other)), String.class);
        assertThat(cancel.getStatusCode().value()).isEqualTo(404);
        assertThat(awaitTerminal(local, textJob).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(awaitTerminal(local, imageJob).path("status").asText()).isEqualTo("SUCCEEDED");
        String textAsset = getJson(local, "/v1/jobs/" + textJob).path("assetId").asText();
        String imageAsset = getJson(local, "/v1/jobs/" + imageJob).path("assetId").asText();
        JsonNode image = getJson(local, "/v1/assets/" + imageAsset);

        for (String path : List.of("/v1/jobs/" + textJob, "/v1/jobs/" + imageJob, "/v1/assets/" + textAsset,
                "/v1/assets/" + imageAsset)) {
            ResponseEntity<String> response = get(other, path);
            assertThat(response.getStatusCode().value()).as(path).isEqualTo(404);
            assertThat(response.getBody()).as(path).doesNotContain("local").doesNotContain("private");
        }
        assertThat(http.exchange("/v1/jobs/" + textJob, HttpMethod.DELETE, new HttpEntity<>(bearer(other)),
                String.class).getStatusCode().value()).isEqualTo(404);
        for (String list : List.of("/v1/jobs?limit=100", "/v1/jobs?limit=100&status=SUCCEEDED")) {
            assertThat(getJson(other, list).path("items").findValuesAsText("jobId")).doesNotContain(textJob, imageJob);
        }
        assertThat(getJson(local, "/v1/jobs?limit=100").path("items").findValuesAsText("jobId"))
                .contains(textJob, imageJob);
        String query = "/v1/search?q=" + "fishing fleet in Kelby harbour".replace(' ', '+') + "&limit=50";
        assertThat(getJson(local, query).path("items").findValuesAsText("assetId")).contains(textAsset);
        assertThat(getJson(other, query).path("items").findValuesAsText("assetId")).doesNotContain(textAsset, imageAsset);
        // Rendition URLs exist only in the owner's asset view, and point under the owner's tenant prefix.
        List<String> urls = image.path("renditions").findValuesAsText("url");
        assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(url).contains("/local/" + imageAsset + "/"));
    }

    @Test
    void scopesDecideWhoMayReadWriteAndAdminister() {
        String readOnly = token("aegis-local", "media:read");
        String readWrite = localToken();
        String admin = token("aegis-admin", "media:read media:write admin");
        String jobId = uploadAccepted(readWrite, "scoped.txt", "scoped".getBytes(StandardCharsets.UTF_8));

        assertThat(get(readOnly, "/v1/jobs/" + jobId).getStatusCode().value()).isEqualTo(200);
        assertThat(http.exchange("/v1/jobs/" + jobId, HttpMethod.DELETE, new HttpEntity<>(bearer(readOnly)),
                String.class).getStatusCode().value()).isEqualTo(403);
        for (String token : List.of(readOnly, readWrite)) {
            assertThat(get(token, "/v1/admin/dlq").getStatusCode().value()).isEqualTo(403);
            assertThat(http.exchange("/v1/admin/dlq/aegis-ai/redrive", HttpMethod.POST,
                    new HttpEntity<>(bearer(token)), String.class).getStatusCode().value()).isEqualTo(403);
        }
        assertThat(get(admin, "/v1/admin/dlq").getStatusCode().value()).isEqualTo(200);
        // A client cannot ask its way into a scope it was not given.
        assertThatThrownBy(() -> token("aegis-local", "media:read admin")).hasMessageContaining("invalid_scope");
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
