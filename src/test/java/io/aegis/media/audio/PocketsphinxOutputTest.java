package io.aegis.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.aegis.state.Insights.Segment;

/** Parses what pocketsphinx_continuous 0.8 -time yes printed for two flite sentences two seconds apart. */
class PocketsphinxOutputTest {

    private static final String TWO_UTTERANCES = """
            the quick brown fox jumped over the lazy dog
            <s> 0.000 0.170 0.998301
            the(2) 0.180 0.260 0.217191
            quick 0.270 0.550 0.007042
            brown 0.560 0.900 0.569632
            fox 0.910 1.280 0.990940
            jumped 1.290 1.710 0.157960
            over 1.720 1.940 0.990247
            the 1.950 2.040 0.994912
            lazy 2.050 2.440 0.999100
            dog 2.450 2.690 0.009817
            </s> 3.720 4.170 1.000000
            she sells seashells
            <s> 5.720 5.850 0.999800
            <sil> 5.860 5.950 0.751163
            she 5.960 6.220 0.999500
            [NOISE] 6.220 6.230 0.500000
            sells 6.230 6.550 0.999800
            ++BREATH++ 6.550 6.560 0.400000
            seashells 6.560 7.050 0.999800
            <sil> 7.960 8.010 0.488907
            </s> 8.020 8.110 1.000000
            """;

    private final PocketsphinxOutput output = new PocketsphinxOutput();

    @Test
    void oneSegmentPerUtteranceFromFirstToLastWordWithoutFillers() {
        List<Segment> segments = output.parse(TWO_UTTERANCES, 0);

        assertThat(segments).containsExactly(
                new Segment(0.18, 2.69, "the quick brown fox jumped over the lazy dog"),
                new Segment(5.96, 7.05, "she sells seashells"));
    }

    @Test
    void timesAreShiftedToWhereTheChunkStarts() {
        List<Segment> segments = output.parse(TWO_UTTERANCES, 30);

        assertThat(segments).extracting(Segment::start).containsExactly(30.18, 35.96);
        assertThat(segments).extracting(Segment::end).containsExactly(32.69, 37.05);
    }

    @Test
    void silenceOnlyOrEmptyOutputHasNoSegments() {
        assertThat(output.parse("", 0)).isEmpty();
        assertThat(output.parse("\n<s> 0.000 0.500 1.000000\n<sil> 0.510 0.900 0.9\n</s> 0.910 1.000 1.000000\n", 0))
                .isEmpty();
    }

    @Test
    void aLongUtteranceIsCutIntoCaptionSizedSegments() {
        StringBuilder words = new StringBuilder("<s> 0.000 0.100 1\n");
        for (int i = 0; i < 20; i++) {
            words.append("w").append(i).append(' ').append(String.format(java.util.Locale.ROOT, "%.3f %.3f 0.9%n", 1.0 + i, 1.5 + i));
        }
        words.append("</s> 21.000 21.100 1\n");

        List<Segment> segments = output.parse(words.toString(), 0);

        assertThat(segments).hasSize(2);
        assertThat(segments.get(0)).isEqualTo(new Segment(1.0, 12.5, "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11"));
        assertThat(segments.get(1)).isEqualTo(new Segment(13.0, 20.5, "w12 w13 w14 w15 w16 w17 w18 w19"));
    }

    @Test
    void utterancesAreSplitAtSentenceStartEvenWithoutAHypothesisLine() {
        String words = "<s> 0.000 0.100 1\nhello 0.110 0.500 0.9\n</s> 0.510 0.600 1\n"
                + "<s> 1.000 1.100 1\nworld 1.110 1.500 0.9\n</s> 1.510 1.600 1\n";

        assertThat(output.parse(words, 0)).containsExactly(
                new Segment(0.11, 0.5, "hello"), new Segment(1.11, 1.5, "world"));
    }
}
