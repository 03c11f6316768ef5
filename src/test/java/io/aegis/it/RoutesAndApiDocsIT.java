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
    }
}
