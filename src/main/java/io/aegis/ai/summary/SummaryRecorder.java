package io.aegis.ai.summary;

import io.aegis.ai.model.AnsweredBy;
import io.aegis.ai.model.ModelIdentity;
import io.aegis.ai.tags.KeywordTagRecorder;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.Insights;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Stores the model's answer as the asset's summary, with the provider and model that made it. An empty
 * answer is recorded as unavailable with its reason rather than as an empty summary. The identity is the model
 * that really answered ({@link AnsweredBy}: the offline model after a fallback), else the configured one.
 */
@Component("summaryRecorder")
public class SummaryRecorder implements Processor {

    static final String REPEATS = "the text is too short to summarise: a summary would repeat most of it";

    private final AssetStore assets;
    private final ModelIdentity model;
    private final double maxShare;

    public SummaryRecorder(AssetStore assets, ModelIdentity model, SummaryProperties summaries) {
        this.assets = assets;
        this.model = model;
        this.maxShare = summaries.maxShare();
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String skipped = exchange.getProperty(AegisHeaders.STEP_SKIPPED, String.class);
        String summary = skipped == null ? exchange.getMessage().getBody(String.class) : null;
        String text = exchange.getProperty(KeywordTagRecorder.TEXT_PROPERTY, String.class);
        ModelIdentity answeredBy = AnsweredBy.take().orElse(model);
        String reason = skipped != null ? skipped
                : summary == null || summary.isBlank() ? "the model returned no summary"
                : SummaryLength.repeats(summary, text, maxShare) ? REPEATS : null;
        assets.update(assetId, asset -> asset.withInsights(reason != null
                ? asset.insights().withUnavailable("summary", reason)
                : asset.insights().withSummary(new Insights.Summary(summary.strip(), answeredBy.provider(), answeredBy.model()))));
    }
}
