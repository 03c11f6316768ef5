package io.aegis.ai.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.ai.model.AnswerJson;
import io.aegis.ai.model.AnsweredBy;
import io.aegis.ai.model.ModelIdentity;
import io.aegis.state.ErrorCode;
import io.aegis.state.Insights;
import io.aegis.state.StepFailure;
import io.aegis.steps.InsightSchema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Qualifier;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Checks the vision model's answer against {@code prompts/analyze-image.schema.json}. A conforming answer becomes
 * the {@link ImageAnalysis}; the first non-conforming one leaves its error in {@value #ERROR} for one repair turn;
 * a second fails the step with PROVIDER_UNAVAILABLE, because a model that ignores the contract twice will not
 * be fixed by retrying.
 */
@Component("imageAnswerChecker")
public class ImageAnswerChecker implements Processor {

    static final String SCHEMA_RESOURCE = "/prompts/analyze-image.schema.json";
    static final String ERROR = "aegis.imageAnswerError";
    static final String ANSWER = "aegis.imageAnswer";
    static final String ATTEMPTS = "aegis.imageAnswerAttempts";
    static final int MAX_ATTEMPTS = 2;

    // Models often wrap JSON in a Markdown fence despite being told not to; the fence carries no meaning.

    private final ObjectMapper json;
    private final InsightSchema schema;
    private final ModelIdentity model;

    public ImageAnswerChecker(ObjectMapper json, @Qualifier("visionModelIdentity") ModelIdentity model) {
        this.json = json;
        this.schema = InsightSchema.fromResource(SCHEMA_RESOURCE, json);
        this.model = model;
    }

    @Override
    public void process(Exchange exchange) {
        String answer = exchange.getMessage().getBody(String.class);
        int attempt = exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1;
        exchange.setProperty(ATTEMPTS, attempt);
        JsonNode parsed = parse(answer);
        String error = parsed == null ? "the answer is not a single JSON object" : problems(parsed);
        if (error == null) {
            exchange.removeProperty(ERROR);
            exchange.setProperty(ImageAnalysis.PROPERTY, analysis(parsed));
        } else if (attempt < MAX_ATTEMPTS) {
            exchange.setProperty(ERROR, error);
            exchange.setProperty(ANSWER, answer == null ? "" : answer);
        } else {
            throw new StepFailure(ErrorCode.PROVIDER_UNAVAILABLE, "the model's answer did not match the schema "
                    + "prompts/analyze-image.schema.json, even after one repair: " + error);
        }
    }

    /** The model that really answered (the offline one after a fallback), else the configured vision model. */
    private Insights.Source answeredBy() {
        ModelIdentity identity = AnsweredBy.take().orElse(model);
        return new Insights.Source(identity.provider(), identity.model());
    }

    private JsonNode parse(String answer) {
        return AnswerJson.parse(json, answer);
    }

    private String problems(JsonNode parsed) {
        List<String> violations = schema.violations(parsed);
        return violations.isEmpty() ? null : String.join("; ", violations);
    }

    private ImageAnalysis analysis(JsonNode answer) {
        Set<String> tags = new LinkedHashSet<>();
        answer.path("tags").forEach(tag -> tags.add(tag.asText().strip().toLowerCase(Locale.ROOT)));
        return new ImageAnalysis(List.copyOf(tags), answer.path("description").asText().strip(),
                answer.path("nsfw").path("score").asDouble(), Map.of(),
                answeredBy());
    }
}
