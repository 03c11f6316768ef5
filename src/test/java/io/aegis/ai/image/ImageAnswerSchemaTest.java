package io.aegis.ai.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.steps.InsightSchema;
import org.junit.jupiter.api.Test;

/** The vision answer schema as {@link ImageAnswerChecker} loads it, through the JSON Schema library. */
class ImageAnswerSchemaTest {

    private final ObjectMapper json = new ObjectMapper();
    private final InsightSchema schema = InsightSchema.fromResource(ImageAnswerChecker.SCHEMA_RESOURCE, json);

    @Test
    void aConformingAnswerHasNoViolations() throws Exception {
        assertThat(schema.violations(json.readTree(ImageModelRoutesTest.VALID))).isEmpty();
        // An integer is a number; extra properties are allowed.
        assertThat(schema.violations(json.readTree(
                "{\"tags\":[\"a\"],\"description\":\"d\",\"nsfw\":{\"score\":0},\"extra\":true}"))).isEmpty();
    }

    @Test
    void everyViolationIsNamedWithItsPath() throws Exception {
        assertThat(schema.violations(json.readTree("{\"tags\":[\"\", 3],\"nsfw\":{\"score\":\"low\"}}")))
                .hasSize(4)
                .anySatisfy(v -> assertThat(v).isEqualTo("/: required property 'description' not found"))
                .anySatisfy(v -> assertThat(v).startsWith("/tags/0").contains("1"))
                .anySatisfy(v -> assertThat(v).startsWith("/tags/1").contains("string").contains("integer"))
                .anySatisfy(v -> assertThat(v).startsWith("/nsfw/score").contains("number").contains("string"));
        assertThat(schema.violations(json.readTree("{\"tags\":[\"a\"],\"description\":\"d\",\"nsfw\":{\"score\":1.5}}")))
                .singleElement().asString().contains("score").contains("1");
        assertThat(schema.violations(json.readTree("[]"))).singleElement().asString().contains("object").contains("array");
    }

    @Test
    void anUnusableSchemaResourceFailsAtStartup() {
        assertThatThrownBy(() -> InsightSchema.fromResource("/prompts/no-such.schema.json", json))
                .hasMessageContaining("no-such.schema.json");
        assertThatThrownBy(() -> InsightSchema.fromResource("/prompts/analyze-image.txt", json))
                .hasMessageContaining("analyze-image.txt");
    }
}
