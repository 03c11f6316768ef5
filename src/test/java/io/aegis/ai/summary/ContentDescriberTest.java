package io.aegis.ai.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.ai.tags.KeywordTagger;
import io.aegis.state.Insights;
import io.aegis.state.Insights.Chapter;
import io.aegis.state.Insights.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentDescriberTest {

    // Two topics, 4 s of silence between them, then a third after another pause.
    static final List<Segment> SEGMENTS = List.of(
            new Segment(0.0, 4.0, "the harbour fleet landed cod at the harbour"),
            new Segment(4.2, 8.0, "cod prices at the harbour market rose"),
            new Segment(12.0, 16.0, "the council debated the new school budget"),
            new Segment(16.1, 20.0, "school teachers asked the council for more budget"),
            new Segment(25.0, 29.0, "rain and wind are forecast for the weekend weather"));

    @Test
    void chaptersFollowThePausesAndAreTitledWithTheirOwnKeywords() {
        List<Chapter> chapters = new ChapterSplitter(new KeywordTagger(), 2.0, 0.0, 300).chapters(SEGMENTS);

        assertThat(chapters).extracting(Chapter::start).containsExactly(0.0, 12.0, 25.0);
        assertThat(chapters).extracting(Chapter::end).containsExactly(8.0, 20.0, 29.0);
        assertThat(chapters.get(0).title()).startsWith("Harbour").contains("cod");
        assertThat(chapters.get(1).title()).containsIgnoringCase("council").contains("school").contains("budget");
        // "forecast" is the verb here ("are forecast"): nouns only.
        assertThat(chapters.get(2).title()).isEqualTo("Rain, wind, weekend");
    }

    @Test
    void aChapterIsNotCutBeforeItsMinimumLengthButNeverPassesItsMaximum() {
        assertThat(new ChapterSplitter(new KeywordTagger(), 2.0, 10.0, 300).chapters(SEGMENTS))
                .extracting(Chapter::start).containsExactly(0.0, 25.0);
        assertThat(new ChapterSplitter(new KeywordTagger(), 100.0, 0.0, 10.0).chapters(SEGMENTS))
                .extracting(Chapter::start).containsExactly(0.0, 12.0, 25.0);
    }

    @Test
    void contentHasATitleFromTheTopKeywordsTheSummaryTagsAndChapters() {
        String text = SEGMENTS.stream().map(Segment::text).reduce((a, b) -> a + " " + b).orElseThrow();
        Insights insights = Insights.NONE
                .withTranscript(new Insights.Transcript(text, "en-US", "pocketsphinx", SEGMENTS))
                .withSummary(new Insights.Summary("Cod and school budgets.", "offline", "extractive-textrank-v1"));

        Insights described = describer().describe(insights);

        Insights.Content content = described.content();
        assertThat(content.titleSuggestion()).isEqualTo("Harbour, cod, council");
        assertThat(content.summary()).isEqualTo("Cod and school budgets.");
        assertThat(content.tags()).startsWith("harbour", "cod").contains("school", "budget");
        assertThat(content.chapters()).hasSize(1); // 29 s: shorter than the default 30 s minimum chapter
        assertThat(described.sources().get("content")).isEqualTo(new Insights.Source("offline", KeywordTagger.MODEL_NAME));
    }

    @Test
    void noTranscriptMeansNoContentAndTheReason() {
        Insights described = describer().describe(Insights.NONE);

        assertThat(described.content()).isNull();
        assertThat(described.unavailable().get("content")).contains("no transcript");
    }

    private static ContentDescriber describer() {
        return new ContentDescriber(null, 2.0, 30.0, 300.0);
    }
}
