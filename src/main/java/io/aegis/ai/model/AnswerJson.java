package io.aegis.ai.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * A model's answer read as one JSON value: a Markdown code fence around it is dropped (models add one although asked
 * not to), anything after the value makes it unreadable. {@code null} when the answer is empty or not JSON, so the
 * caller's schema check reports it like any other non-conforming answer.
 */
public final class AnswerJson {

    private static final Pattern FENCE = Pattern.compile("^```(?:json)?\\s*|\\s*```$");

    private AnswerJson() {
    }

    public static JsonNode parse(ObjectMapper json, String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        try {
            return json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(FENCE.matcher(answer.strip()).replaceAll(""));
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
