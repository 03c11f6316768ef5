package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ops-edited YAML routes are part of what the build verifies, and the API documents itself. */
class RoutesAndApiDocsIT extends PipelineTestSupport {

    @Autowired
    CamelContext camel;

    @Test
    void theYamlRoutesFromTheRoutesFolderAreLoaded() {
        assertThat(camel.getRoute("orchestrate.dispatch")).isNotNull();
        assertThat(camel.getRoute("orchestrate.dispatch").getSourceLocation()).contains("dispatch-by-media-kind.yaml");
    }

    @Test
    void theOpenApiDocumentListsTheEndpointsWithoutAToken() {
        var response = get(null, "/v1/openapi.json");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        var doc = read(response.getBody());
        assertThat(doc.path("paths").has("/v1/upload")).isTrue();
        assertThat(doc.path("paths").has("/v1/jobs/{jobId}")).isTrue();
        assertThat(doc.path("paths").has("/v1/assets/{assetId}")).isTrue();
        // Deletion, reprocessing, resumable uploads and webhooks, each call with its description.
        var paths = doc.path("paths");
        for (String[] call : new String[][] {
                {"/v1/assets/{assetId}", "delete"}, {"/v1/assets/{assetId}/reprocess", "post"},
                {"/v1/uploads/{jobId}", "get"}, {"/v1/uploads/{jobId}", "delete"},
                {"/v1/uploads/{jobId}/complete", "post"},
                {"/v1/webhooks", "post"}, {"/v1/webhooks", "get"}, {"/v1/webhooks/{webhookId}", "get"},
                {"/v1/webhooks/{webhookId}", "delete"}, {"/v1/webhooks/{webhookId}/deliveries", "get"},
                {"/v1/admin/reprocess", "post"}}) {
            var operation = paths.path(call[0]).path(call[1]);
            assertThat(operation.path("summary").asText() + operation.path("description").asText())
                    .as("%s %s in the OpenAPI document", call[1], call[0]).isNotBlank();
        }
    }
}
