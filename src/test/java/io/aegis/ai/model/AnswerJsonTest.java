package io.aegis.ai.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AnswerJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFencedAnswerIsReadAsTheJsonInsideTheFence() {
        assertThat(AnswerJson.parse(json, "```json\n{\"total\": \"42.00\"}\n```").path("total").asText())
                .isEqualTo("42.00");
        assertThat(AnswerJson.parse(json, "  ```\n[1, 2]\n```  ").size()).isEqualTo(2);
    }

    @Test
    void anAnswerThatIsNotOneJsonValueIsUnreadable() {
        assertThat(AnswerJson.parse(json, "{\"a\": 1} and then some prose")).isNull();
        assertThat(AnswerJson.parse(json, "Sure! Here are the fields.")).isNull();
        assertThat(AnswerJson.parse(json, "   ")).isNull();
        assertThat(AnswerJson.parse(json, null)).isNull();
    }
}
