package io.aegis.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.aegis.state.Insights.Segment;

class WebVttTest {

    private final WebVtt webVtt = new WebVtt();

    @Test
    void rendersCuesWithHourMinuteSecondMillisTimings() {
        String vtt = webVtt.render(List.of(
                new Segment(0.18, 2.6904, "the quick brown fox"),
                new Segment(3725.5, 3728.25, "an hour, two minutes\nand five seconds in")));

        assertThat(vtt).isEqualTo("""
                WEBVTT

                00:00:00.180 --> 00:00:02.690
                the quick brown fox

                01:02:05.500 --> 01:02:08.250
                an hour, two minutes and five seconds in
                """);
    }

    @Test
    void escapesMarkupAndTheCueArrow() {
        String vtt = webVtt.render(List.of(new Segment(1, 2, "a --> b & <c>")));

        assertThat(vtt).endsWith("\na --&gt; b &amp; &lt;c&gt;\n");
        assertThat(vtt.lines().filter(line -> line.contains("-->"))).hasSize(1);
    }

    @Test
    void skipsEmptySegmentsAndNeverEndsACueBeforeItStarts() {
        String vtt = webVtt.render(List.of(new Segment(1, 2, "  "), new Segment(5, 5, "blink")));

        assertThat(vtt).isEqualTo("WEBVTT\n\n00:00:05.000 --> 00:00:05.001\nblink\n");
    }

    @Test
    void noSegmentsIsAValidEmptyFile() {
        assertThat(webVtt.render(List.of())).isEqualTo("WEBVTT\n");
    }
}
