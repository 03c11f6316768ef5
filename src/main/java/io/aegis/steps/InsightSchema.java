package io.aegis.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12 unless {@code $schema} says otherwise) a declared insight must match. Self-contained:
 * a {@code $ref} may point inside the schema only ({@code #...}) and nothing is ever fetched, so a route file cannot
 * make the app reach the network.
 */
public final class InsightSchema {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    // The 2020-12 meta-schema, bundled with the library: a schema must itself be valid JSON Schema.
    private static final Schema META = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    private static final List<String> REFERENCES = List.of("$ref", "$dynamicRef", "$recursiveRef");

    private final JsonNode node;
    private final Schema schema;

    private InsightSchema(JsonNode node, Schema schema) {
        this.node = node;
        this.schema = schema;
    }

    /** The schema in {@code node}; IllegalArgumentException saying what is wrong when it is not a usable one. */
    public static InsightSchema of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a JSON Schema is a JSON object");
        }
        List<String> remote = new ArrayList<>();
        findRemoteReferences(node, "#", remote);
        if (!remote.isEmpty()) {
            throw new IllegalArgumentException("it refers outside itself (" + String.join(", ", remote)
                    + "): a step's schema must be self-contained");
        }
        List<String> invalid = META.validate(node).stream().map(Error::toString).toList();
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("not a valid JSON Schema: " + String.join("; ", invalid));
        }
        try {
            Schema schema = REGISTRY.getSchema(node);
            schema.initializeValidators();
            return new InsightSchema(node, schema);
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("not a valid JSON Schema: " + e.getMessage(), e);
        }
    }

    /** The schema in a classpath resource (e.g. a prompt's answer schema); fails at startup when it is not usable. */
    public static InsightSchema fromResource(String resource, ObjectMapper json) {
        try (InputStream in = InsightSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema not on classpath: " + resource);
            }
            return of(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("schema " + resource + " is unusable: " + e.getMessage(), e);
        }
    }

    /** The schema itself, e.g. to show a model what to answer. */
    public JsonNode node() {
        return node;
    }

    /**
     * Every way {@code value} breaks the schema, as "JSON pointer: message" ("/tags/0: must be at least 1 characters
     * long", "/: required property 'nsfw' not found"); empty when it conforms.
     */
    public List<String> violations(JsonNode value) {
        return schema.validate(value).stream().map(InsightSchema::describe).toList();
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        return (location.isEmpty() ? "/" : location) + ": " + error.getMessage();
    }

    private static void findRemoteReferences(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if ((REFERENCES.contains(field.getKey()) && !field.getValue().asText().startsWith("#"))
                        || "$id".equals(field.getKey())) {
                    found.add(path + "/" + field.getKey() + ": " + field.getValue().asText());
                }
                findRemoteReferences(field.getValue(), path + "/" + field.getKey(), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findRemoteReferences(node.get(i), path + "/" + i, found);
            }
        }
    }
}
