package io.aegis.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.ErrorCode;
import io.aegis.state.Insights;
import io.aegis.state.StepFailure;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * {@code direct:record-insight}: the body (JSON text) becomes the asset's insight named in {@code aegis.insight}, under
 * {@code insights.declared}, once it is one the step file declares, valid against its schema and no larger than
 * {@code aegis.steps.max-insight-size} (the asset is one DynamoDB item). With {@code aegis.insightUnavailable} set
 * instead, the insight is recorded as null with that reason, like the model-only built-in insights offline. Made by
 * a model when property {@value #SOURCE} names it (an {@link Insights.Source}), by a tool otherwise.
 */
@Component("stepInsightRecorder")
public class StepInsightRecorder implements Processor {

    /** Exchange property: the provider and model that made the insight ({@link Insights.Source}). */
    public static final String SOURCE = "aegis.insightSource";

    private final StepCatalog catalog;
    private final AssetStore assets;
    private final ObjectMapper json;
    private final long maxBytes;

    public StepInsightRecorder(StepCatalog catalog, AssetStore assets, ObjectMapper json,
                               @Value("${aegis.steps.max-insight-size:64KB}") DataSize maxSize) {
        this.catalog = catalog;
        this.assets = assets;
        this.json = json;
        this.maxBytes = maxSize.toBytes();
    }

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        String step = message.getHeader(AegisHeaders.STEP, String.class);
        String name = message.getHeader(AegisHeaders.INSIGHT, String.class);
        var output = declared(step, name);
        String assetId = message.getHeader(AegisHeaders.ASSET_ID, String.class);
        String unavailable = message.getHeader(AegisHeaders.INSIGHT_UNAVAILABLE, String.class);
        if (unavailable != null) {
            assets.update(assetId, asset -> asset.withInsights(asset.insights().withDeclaredUnavailable(name, unavailable)));
        } else {
            JsonNode value = parse(step, name, message.getBody(String.class));
            List<String> violations = output.schema().violations(value);
            if (!violations.isEmpty()) {
                throw new StepFailure(ErrorCode.INTERNAL, "step " + step + " recorded insight " + name
                        + ", which does not match its schema " + output.schemaFile() + ": " + String.join("; ", violations));
            }
            if (value.toString().length() > maxBytes) {
                throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, "insight " + name + " of step " + step + " is over "
                        + maxBytes + " bytes, the most an insight may take");
            }
            Insights.Source source = exchange.getProperty(SOURCE, Insights.Source.class);
            assets.update(assetId, asset -> asset.withInsights(asset.insights().withDeclared(name, value, source)));
        }
        exchange.removeProperty(SOURCE);
        message.removeHeader(AegisHeaders.INSIGHT_UNAVAILABLE);
    }

    private StepDeclaration.InsightOutput declared(String step, String name) {
        StepDeclaration declaration = catalog.declaration(step).orElseThrow(() -> new StepFailure(ErrorCode.INTERNAL,
                "step " + step + " recorded an insight, but it is not a declared step"));
        return declaration.insight(name).orElseThrow(() -> new StepFailure(ErrorCode.INTERNAL, "step " + step
                + " recorded the insight " + name + ", which routes/steps/" + declaration.file() + " does not declare"));
    }

    private JsonNode parse(String step, String name, String body) {
        if (body == null || body.isBlank()) {
            throw new StepFailure(ErrorCode.INTERNAL, "step " + step + " recorded insight " + name + " with no JSON");
        }
        try {
            return json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            throw new StepFailure(ErrorCode.INTERNAL, "step " + step + " recorded insight " + name
                    + ", which is not JSON: " + e.getOriginalMessage());
        }
    }
}
