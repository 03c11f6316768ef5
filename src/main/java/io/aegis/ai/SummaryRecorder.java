package io.aegis.ai;

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

    private final AssetStore assets;
    private final ModelIdentity model;

    public SummaryRecorder(AssetStore assets, ModelIdentity model) {
        this.assets = assets;
        this.model = model;
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String skipped = exchange.getProperty(AegisHeaders.STEP_SKIPPED, String.class);
        String summary = skipped == null ? exchange.getMessage().getBody(String.class) : null;
        ModelIdentity answeredBy = AnsweredBy.take().orElse(model);
        assets.update(assetId, asset -> {
            Insights insights = summary == null || summary.isBlank()
                    ? asset.insights().withUnavailable("summary", skipped != null ? skipped : "the model returned no summary")
                    : asset.insights().withSummary(new Insights.Summary(summary.strip(), answeredBy.provider(), answeredBy.model()));
            return asset.withInsights(insights);
        });
    }
}
