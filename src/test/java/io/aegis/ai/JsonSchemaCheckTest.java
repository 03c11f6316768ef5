package io.aegis.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonSchemaCheckTest {

    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchemaCheck schema = JsonSchemaCheck.fromResource(ImageAnswerChecker.SCHEMA_RESOURCE, json);

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
                .containsExactly(
                        "$: missing required property \"description\"",
                        "$.tags[0]: shorter than 1 characters",
                        "$.tags[1]: expected \"string\" but got integer",
                        "$.nsfw.score: expected \"number\" but got string");
        assertThat(schema.violations(json.readTree("[]"))).containsExactly("$: expected \"object\" but got array");
    }

    @Test
    void aSchemaKeywordTheCheckDoesNotKnowIsRefused() throws Exception {
        assertThatThrownBy(() -> new JsonSchemaCheck(json.readTree("{\"properties\":{\"a\":{\"pattern\":\"x\"}}}")))
                .hasMessageContaining("pattern").hasMessageContaining("/properties/a");
    }
}
