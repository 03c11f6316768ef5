package io.aegis.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aegis.platform.security.DevMode;
import io.aegis.platform.Problem;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.openapi.RestOpenApiProcessor;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * GET /v1/openapi.json: the OpenAPI document camel-openapi-java makes of the REST DSL in {@link ApiRoutes} (schemas
 * from each call's type, outType and response models), merged with the calls Spring serves outside the DSL, which
 * are written by hand in {@code classpath:openapi/}: {@value #OUTSIDE_REST_DSL} (the job event stream, the bearer
 * scheme) always, and {@value #DEV_TOKEN} (the local issuer's token endpoint) in dev mode only, where that endpoint
 * exists. A fragment may add paths, schemas, schemes and array items but not change what the DSL declares: a clash
 * fails the call (and RoutesAndApiDocsIT). Errors are listed as application/problem+json, the type
 * {@link ApiResponses} sends.
 */
@Component
public class ApiDocument implements Processor {

    static final String OUTSIDE_REST_DSL = "openapi/outside-rest-dsl.yaml";
    static final String DEV_TOKEN = "openapi/dev-token.yaml";

    private final CamelContext camel;
    private final ObjectMapper json;
    private final List<JsonNode> fragments = new ArrayList<>();
    private volatile RestOpenApiProcessor generator;

    public ApiDocument(CamelContext camel, ObjectMapper json, Environment environment) {
        this.camel = camel;
        this.json = json;
        fragments.add(load(OUTSIDE_REST_DSL));
        if (environment.getProperty(DevMode.MODE, Boolean.class, false)) {
            fragments.add(load(DEV_TOKEN));
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ObjectNode document = (ObjectNode) json.readTree(generated());
        // Camel would name a server "http://null" (it knows no host name); without one, clients call the host
        // the document came from ("/", OpenAPI's default).
        document.remove("servers");
        fragments.forEach(fragment -> merge(document, fragment, ""));
        problemsAsProblemJson(document);
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }

    /** Camel's own document of the REST DSL, as its api-context-path would serve it. */
    private String generated() throws Exception {
        if (generator == null) {
            synchronized (this) {
                if (generator == null) {
                    RestConfiguration rest = camel.getRestConfiguration();
                    Map<String, Object> properties = rest.getApiProperties() == null ? Map.of() : rest.getApiProperties();
                    var created = new RestOpenApiProcessor(properties, rest);
                    created.setCamelContext(camel);
                    ServiceHelper.startService(created);
                    generator = created;
                }
            }
        }
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(Exchange.HTTP_PATH, "openapi.json");
        generator.process(exchange);
        return exchange.getMessage().getBody(String.class);
    }

    @PreDestroy
    void stop() {
        ServiceHelper.stopService(generator);
    }

    private static void merge(ObjectNode target, JsonNode fragment, String path) {
        fragment.properties().forEach(entry -> {
            String at = path + "/" + entry.getKey();
            JsonNode present = target.get(entry.getKey());
            if (present == null) {
                target.set(entry.getKey(), entry.getValue().deepCopy());
            } else if (present.isObject() && entry.getValue().isObject()) {
                merge((ObjectNode) present, entry.getValue(), at);
            } else if (present.isArray() && entry.getValue().isArray()) {
                entry.getValue().forEach(item -> {
                    if (!contains(present, item)) {
                        ((ArrayNode) present).add(item.deepCopy());
                    }
                });
            } else if (!present.equals(entry.getValue())) {
                throw new IllegalStateException("an OpenAPI fragment changes " + at + ", which the REST DSL declares");
            }
        });
    }

    private static boolean contains(JsonNode array, JsonNode item) {
        for (JsonNode element : array) {
            if (element.equals(item)) {
                return true;
            }
        }
        return false;
    }

    /** Camel files every response's schema under the call's produces; an error body is a problem document. */
    private static void problemsAsProblemJson(ObjectNode document) {
        document.path("paths").forEach(pathItem -> pathItem.forEach(operation ->
                operation.path("responses").properties().forEach(response -> {
                    JsonNode content = response.getValue().path("content");
                    if (response.getKey().matches("[45]\\d\\d") && content.has("application/json")) {
                        ((ObjectNode) content).set(Problem.MEDIA_TYPE, ((ObjectNode) content).remove("application/json"));
                    }
                })));
    }

    private static JsonNode load(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
