package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

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

    /**
     * Every call of the REST DSL is in the document with the schema of its success answer (or a 204 without body),
     * every call that takes a body with the schema of that body, every error as a problem document; every schema
     * referenced is defined, and each has the properties Jackson writes for its class.
     */
    @Test
    void everyCallOfTheRestDslHasItsRequestAndResponseSchemas() throws Exception {
        String body = get(null, "/v1/openapi.json").getBody();
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi.json"), body);
        JsonNode doc = read(body);
        List<String> missing = new ArrayList<>();
        int calls = 0;
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if ("false".equals(verb.getApiDocs())) {
                    continue;
                }
                calls++;
                String path = (rest.getPath() + verb.getPath()).replace("//", "/");
                String method = verb.asVerb();
                JsonNode operation = doc.path("paths").path(path).path(method);
                if (operation.isMissingNode()) {
                    missing.add(method + " " + path + ": not in the document");
                    continue;
                }
                JsonNode responses = operation.path("responses");
                boolean success = false;
                for (var response : responses.properties()) {
                    String code = response.getKey();
                    JsonNode content = response.getValue().path("content");
                    if (code.startsWith("2")) {
                        success = true;
                        if (!code.equals("204") && !hasSchema(content)) {
                            missing.add(method + " " + path + ": " + code + " without a schema");
                        }
                    } else if (!content.path("application/problem+json").path("schema").path("$ref").asText()
                            .equals("#/components/schemas/Problem")) {
                        missing.add(method + " " + path + ": " + code + " not a problem document");
                    }
                }
                if (!success) {
                    missing.add(method + " " + path + ": no success response");
                }
                for (String code : List.of("401", "403", "429", "503")) {
                    if (!responses.has(code)) {
                        missing.add(method + " " + path + ": no " + code);
                    }
                }
                if (verb.getConsumes() != null && !hasSchema(operation.path("requestBody").path("content"))) {
                    missing.add(method + " " + path + ": takes a body without a schema");
                }
                operation.path("parameters").forEach(parameter -> {
                    if (parameter.path("description").asText().isBlank()) {
                        missing.add(method + " " + path + ": parameter " + parameter.path("name").asText()
                                + " without a description");
                    }
                });
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(22);
        assertThat(doc.path("servers").toString()).doesNotContain("null");
        assertThat(missing).isEmpty();

        Set<String> refs = new TreeSet<>();
        collectRefs(doc, refs);
        assertThat(refs).allSatisfy(ref -> assertThat(doc.at(ref.substring(1)).isMissingNode())
                .as("%s is defined", ref).isFalse());

        // The schemas say what Jackson writes: each class's serialised property names, no more, no less.
        JsonNode schemas = doc.path("components").path("schemas");
        for (String[] schema : new String[][] {
                {"JobView", "io.aegis.api.JobView"}, {"AssetView", "io.aegis.api.AssetView"},
                {"SearchResults", "io.aegis.api.SearchResults"}, {"JobList", "io.aegis.api.JobList"},
                {"MultipartUploadIssued", "io.aegis.api.MultipartUploadIssued"},
                {"UploadUrlIssued", "io.aegis.api.UploadUrlIssued"}, {"UploadAccepted", "io.aegis.api.UploadAccepted"},
                {"UploadRequest", "io.aegis.api.UploadRequest"}, {"Problem", "io.aegis.platform.Problem"}}) {
            var type = json.constructType(Class.forName(schema[1]));
            Set<String> written = json.getSerializationConfig().introspect(type).findProperties().stream()
                    .map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
            Set<String> documented = new TreeSet<>();
            schemas.path(schema[0]).path("properties").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as("properties of schema %s", schema[0]).isEqualTo(written);
        }
        assertThat(schemas.at("/JobView/properties/createdAt/format").asText()).isEqualTo("date-time");
        assertThat(schemas.at("/JobView/properties/steps/items/$ref").asText()).startsWith("#/components/schemas/");
        assertThat(doc.at("/paths/~1v1~1upload/post/requestBody/content/multipart~1form-data/schema/$ref").asText())
                .isEqualTo("#/components/schemas/UploadForm");
        assertThat(schemas.at("/UploadForm/properties/file/format").asText()).isEqualTo("binary");
    }

    /** The calls Spring serves outside the REST DSL are in the document too, and the token endpoint answers as it says. */
    @Test
    void theEventStreamAndTheTokenEndpointAreDocumented() {
        JsonNode doc = read(get(null, "/v1/openapi.json").getBody());

        JsonNode events = doc.at("/paths/~1v1~1jobs~1events/get");
        assertThat(events.at("/responses/200/content/text~1event-stream/schema/$ref").asText())
                .isEqualTo("#/components/schemas/JobStreamEvent");
        JsonNode event = doc.at("/components/schemas/JobStreamEvent");
        assertThat(event.at("/properties/event/enum").toString()).contains("ready", "job");
        assertThat(event.at("/properties/data/oneOf/0/$ref").asText()).isEqualTo("#/components/schemas/JobView");

        JsonNode token = doc.at("/paths/~1oauth2~1token/post");
        assertThat(token.at("/requestBody/content/application~1x-www-form-urlencoded/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TokenRequest");
        assertThat(token.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TokenResponse");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/devClientCredentials/flows/clientCredentials/tokenUrl").asText())
                .isEqualTo("/oauth2/token");
        assertThat(doc.path("security").toString()).contains("bearer", "devClientCredentials");

        // The real token answer has every field the document requires.
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        form.add("scope", READ_WRITE);
        var headers = new HttpHeaders();
        headers.setBasicAuth("aegis-local", "aegis-local-secret");
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        JsonNode issued = read(http.postForEntity("/oauth2/token", new HttpEntity<>(form, headers), String.class).getBody());
        doc.at("/components/schemas/TokenResponse/required").forEach(field ->
                assertThat(issued.has(field.asText())).as("token response has %s", field.asText()).isTrue());
    }

    /** Swagger UI from the jar, public, with no inline script or style the console's CSP would block. */
    @Test
    void theBrowsableApiPageIsServedWithoutAToken() {
        var page = get(null, "/api-docs/index.html");
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'");
        String html = page.getBody();
        assertThat(html).contains("/webjars/swagger-ui/swagger-ui-bundle.js", "api-docs.js");
        assertThat(html).doesNotContainPattern("<script>|<style|style=");

        var settings = get(null, "/api-docs/api-docs.js");
        assertThat(settings.getStatusCode().value()).isEqualTo(200);
        assertThat(settings.getBody()).contains("'/v1/openapi.json'");
        for (String asset : List.of("/webjars/swagger-ui/swagger-ui-bundle.js", "/webjars/swagger-ui/swagger-ui.css")) {
            var file = get(null, asset);
            assertThat(file.getStatusCode().value()).as(asset).isEqualTo(200);
            assertThat(file.getBody()).as(asset).hasSizeGreaterThan(10_000);
        }
        // The page is public; the API it shows is not.
        assertThat(get(null, "/v1/jobs").getStatusCode().value()).isEqualTo(401);
    }

    /** A schema of a named model (an object, or an array of them) for every media type: not a bare "string". */
    private static boolean hasSchema(JsonNode content) {
        if (content.isMissingNode() || content.isEmpty()) {
            return false;
        }
        for (JsonNode mediaType : content) {
            JsonNode schema = mediaType.path("schema");
            if (!schema.path("$ref").asText().startsWith("#/components/schemas/")
                    && !schema.path("items").path("$ref").asText().startsWith("#/components/schemas/")) {
                return false;
            }
        }
        return true;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
