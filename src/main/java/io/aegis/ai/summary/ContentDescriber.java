package io.aegis.ai.summary;

import io.aegis.ai.model.OfflineChatModel;
import io.aegis.ai.tags.KeywordTagger;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.Insights;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A recording's content metadata, made offline from its transcript: a title suggestion (the top keywords),
 * the summary already recorded, keyword tags, and chapters from the segments' timings. Call it after the
 * summary is recorded. No transcript → {@code content} stays null and {@code unavailable.content} says why.
 */
@Component("contentDescriber")
public class ContentDescriber implements Processor {

    static final int CONTENT_TAGS = 10;
    static final Insights.Source SOURCE = new Insights.Source(OfflineChatModel.PROVIDER, KeywordTagger.MODEL_NAME);

    private final AssetStore assets;
    private final KeywordTagger tagger = new KeywordTagger();
    private final ChapterSplitter chapters;

    public ContentDescriber(AssetStore assets,
                            @Value("${aegis.content.chapters.pause-seconds:2}") double pauseSeconds,
                            @Value("${aegis.content.chapters.min-seconds:30}") double minSeconds,
                            @Value("${aegis.content.chapters.max-seconds:300}") double maxSeconds) {
        this.assets = assets;
        this.chapters = new ChapterSplitter(tagger, pauseSeconds, minSeconds, maxSeconds);
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        assets.update(assetId, asset -> asset.withInsights(describe(asset.insights())));
    }

    Insights describe(Insights insights) {
        Insights.Transcript transcript = insights.transcript();
        if (transcript == null || transcript.text() == null || transcript.text().isBlank()) {
            return insights.withUnavailable("content", "there is no transcript to describe the recording from");
        }
        return insights.withContent(content(transcript, insights.summary()), SOURCE);
    }

    Insights.Content content(Insights.Transcript transcript, Insights.Summary summary) {
        List<String> tags = tagger.tags(transcript.text(), CONTENT_TAGS);
        String title = tags.isEmpty() ? null
                : ChapterSplitter.titleOf(tags.subList(0, Math.min(ChapterSplitter.TITLE_KEYWORDS, tags.size())));
        List<Insights.Chapter> parts = transcript.segments() == null ? List.of() : chapters.chapters(transcript.segments());
        return new Insights.Content(title, summary == null ? null : summary.text(), tags, parts);
    }
}
