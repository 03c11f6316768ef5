package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.routefiles.RouteFilesProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * What the ITs that edit route files share (same Spring context as every {@link PipelineTestSupport} test): the
 * admin's token, the test copy of routes/ ({@code aegis.routes.dir}), a reload through the admin API and reading its
 * report. Each test puts back the files it changed.
 */
abstract class RouteFilesTestSupport extends PipelineTestSupport {

    static final String ADMIN = "media:read media:write admin";
    static final String DISPATCH = "dispatch-by-media-kind.yaml";

    @Autowired
    RouteFilesProperties routeFiles;

    @Autowired
    CamelContext camel;

    String admin;

    @BeforeEach
    void adminToken() {
        admin = token("aegis-admin", ADMIN);
    }

    Path dir() {
        return routeFiles.dir();
    }

    /** POST /v1/admin/routes/reload, which must answer 200; its report. */
    JsonNode reloadNow() {
        ResponseEntity<String> response = post(admin, "/v1/admin/routes/reload");
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return read(response.getBody());
    }

    /** The one attempt a reload report has for {@code name}. */
    static JsonNode attempt(JsonNode reload, String name) {
        List<JsonNode> found = new ArrayList<>();
        reload.path("attempts").forEach(a -> {
            if (name.equals(a.path("file").asText())) {
                found.add(a);
            }
        });
        assertThat(found).as(reload.toString()).hasSize(1);
        return found.get(0);
    }

    /** The SHA-256 of {@code name} as loaded, from GET /v1/admin/routes. */
    String loadedSha(String name) {
        return file(getJson(admin, "/v1/admin/routes"), name).path("sha256").asText();
    }

    static JsonNode file(JsonNode report, String name) {
        return StreamSupport.stream(report.path("files").spliterator(), false)
                .filter(f -> name.equals(f.path("file").asText())).findFirst().orElseThrow();
    }

    ResponseEntity<String> post(String token, String path) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(bearer(token)), String.class);
    }
}
