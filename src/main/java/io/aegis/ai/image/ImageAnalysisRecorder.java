package io.aegis.ai.image;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.Insights;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Stores the analysis as the asset's tags, description and nsfw insights, each with the provider and model
 * that made it under {@code insights.sources}; what could not be made goes to {@code unavailable} with its reason.
 */
@Component("imageAnalysisRecorder")
public class ImageAnalysisRecorder implements Processor {

    private final AssetStore assets;

    public ImageAnalysisRecorder(AssetStore assets) {
        this.assets = assets;
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String skipped = exchange.getProperty(AegisHeaders.STEP_SKIPPED, String.class);
        ImageAnalysis analysis = exchange.getProperty(ImageAnalysis.PROPERTY, ImageAnalysis.class);
        assets.update(assetId, asset -> asset.withInsights(skipped != null
                ? asset.insights().withUnavailable("description", skipped)
                : record(asset.insights(), analysis)));
        exchange.getMessage().setBody(null);
    }

    static Insights record(Insights insights, ImageAnalysis analysis) {
        Insights.Source source = analysis.source();
        Insights updated = insights;
        if (!analysis.tags().isEmpty()) {
            updated = updated.withTags(analysis.tags(), source);
        }
        if (analysis.description() != null) {
            updated = updated.withDescription(analysis.description(), source);
        }
        if (analysis.nsfwScore() != null) {
            updated = updated.withNsfw(new Insights.Nsfw(analysis.nsfwScore(), source.provider()), source);
        }
        for (Map.Entry<String, String> reason : analysis.unavailable().entrySet()) {
            updated = updated.withUnavailable(reason.getKey(), reason.getValue());
        }
        return updated;
    }
}
