package io.aegis.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against the subset of JSON Schema our prompt schemas use: {@code type} (one or a list),
 * {@code required}, {@code properties}, {@code additionalProperties: false}, {@code items}, {@code minItems},
 * {@code maxItems}, {@code minLength}, {@code maxLength}, {@code minimum}, {@code maximum}, {@code enum}.
 * A keyword outside that subset is refused when the schema loads, so a schema edit cannot be silently ignored.
 */
final class JsonSchemaCheck {

    private static final List<String> KNOWN = List.of("$schema", "$id", "title", "description", "type", "required",
            "properties", "additionalProperties", "items", "minItems", "maxItems", "minLength", "maxLength",
            "minimum", "maximum", "enum");

    private final JsonNode schema;

    JsonSchemaCheck(JsonNode schema) {
        requireKnownKeywords(schema, "#");
        this.schema = schema;
    }

    static JsonSchemaCheck fromResource(String resource, ObjectMapper json) {
        try (InputStream in = JsonSchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema not on classpath: " + resource);
            }
            return new JsonSchemaCheck(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }

    /** Every way {@code value} breaks the schema, as "$.path: reason"; empty when it conforms. */
    List<String> violations(JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "$", out);
        return out;
    }

    private static void check(JsonNode rule, JsonNode value, String path, List<String> out) {
        if (rule.has("type") && !typeMatches(rule.get("type"), value)) {
            out.add(path + ": expected " + rule.get("type") + " but got " + typeOf(value));
            return;
        }
        if (rule.has("enum") && !contains(rule.get("enum"), value)) {
            out.add(path + ": must be one of " + rule.get("enum"));
        }
        if (value.isObject()) {
            checkObject(rule, value, path, out);
        } else if (value.isArray()) {
            checkArray(rule, value, path, out);
        } else if (value.isTextual()) {
            int length = value.asText().codePointCount(0, value.asText().length());
            if (rule.has("minLength") && length < rule.get("minLength").asInt()) {
                out.add(path + ": shorter than " + rule.get("minLength").asInt() + " characters");
            }
            if (rule.has("maxLength") && length > rule.get("maxLength").asInt()) {
                out.add(path + ": longer than " + rule.get("maxLength").asInt() + " characters");
            }
        } else if (value.isNumber()) {
            if (rule.has("minimum") && value.asDouble() < rule.get("minimum").asDouble()) {
                out.add(path + ": below the minimum " + rule.get("minimum"));
            }
            if (rule.has("maximum") && value.asDouble() > rule.get("maximum").asDouble()) {
                out.add(path + ": above the maximum " + rule.get("maximum"));
            }
        }
    }

    private static void checkObject(JsonNode rule, JsonNode value, String path, List<String> out) {
        for (JsonNode name : rule.path("required")) {
            if (!value.has(name.asText())) {
                out.add(path + ": missing required property \"" + name.asText() + "\"");
            }
        }
        JsonNode properties = rule.path("properties");
        boolean closed = rule.path("additionalProperties").isBoolean() && !rule.get("additionalProperties").asBoolean();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), path + "." + field.getKey(), out);
            } else if (closed) {
                out.add(path + ": unexpected property \"" + field.getKey() + "\"");
            }
        }
    }

    private static void checkArray(JsonNode rule, JsonNode value, String path, List<String> out) {
        if (rule.has("minItems") && value.size() < rule.get("minItems").asInt()) {
            out.add(path + ": fewer than " + rule.get("minItems").asInt() + " items");
        }
        if (rule.has("maxItems") && value.size() > rule.get("maxItems").asInt()) {
            out.add(path + ": more than " + rule.get("maxItems").asInt() + " items");
        }
        if (rule.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(rule.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, value)) {
                    return true;
                }
            }
            return false;
        }
        String name = type.asText();
        return name.equals(typeOf(value)) || ("number".equals(name) && value.isNumber());
    }

    private static String typeOf(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isObject()) {
            return "object";
        }
        return "null";
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static void requireKnownKeywords(JsonNode rule, String path) {
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KNOWN.contains(keyword)) {
                throw new IllegalArgumentException("schema keyword " + keyword + " at " + path + " is not supported");
            }
        }
        rule.path("properties").fields().forEachRemaining(p -> requireKnownKeywords(p.getValue(), path + "/properties/" + p.getKey()));
        if (rule.path("items").isObject()) {
            requireKnownKeywords(rule.get("items"), path + "/items");
        }
    }
}
