package io.aegis.ai.tags;

import io.aegis.ai.model.OfflineChatModel;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.Insights;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Records offline keyword tags for a text-bearing asset (text, PDF, transcript) from the text in exchange
 * property {@value #TEXT_PROPERTY}, which the summarize step sets. No text → {@code unavailable.tags}.
 */
@Component("keywordTagRecorder")
public class KeywordTagRecorder implements Processor {

    /** Exchange property: the text the summarize step worked from. */
    public static final String TEXT_PROPERTY = "aegis.summaryText";
    static final Insights.Source SOURCE = new Insights.Source(OfflineChatModel.PROVIDER, KeywordTagger.MODEL_NAME);

    private final AssetStore assets;
    private final KeywordTagger tagger = new KeywordTagger();
    private final int maxTags;

    public KeywordTagRecorder(AssetStore assets, @Value("${aegis.content.max-tags:10}") int maxTags) {
        this.assets = assets;
        this.maxTags = maxTags;
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        var tags = tagger.tags(exchange.getProperty(TEXT_PROPERTY, String.class), maxTags);
        assets.update(assetId, asset -> asset.withInsights(tags.isEmpty()
                ? asset.insights().withUnavailable("tags", "the text has no keywords to tag it with")
                : asset.insights().withTags(tags, SOURCE)));
    }
}
