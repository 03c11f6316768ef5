package io.aegis.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.aegis.state.Insights.Segment;
import io.aegis.state.Insights.Transcript;

/** Chunks recognised in parallel come back in any order; the transcript reads in recording order. */
class TranscriptStitcherTest {

    private final TranscriptStitcher stitcher = new TranscriptStitcher();

    @Test
    void stitchesChunksInIndexOrderWithSingleSpaces() {
        List<ChunkTranscript> arrived = List.of(
                new ChunkTranscript(2, List.of(new Segment(61.0, 63.5, "  and the end "))),
                new ChunkTranscript(0, List.of(new Segment(0.5, 4.0, "in the\nbeginning"), new Segment(5.0, 8.0, "there was"))),
                new ChunkTranscript(1, List.of()),
                new ChunkTranscript(3, List.of(new Segment(90.0, 91.0, "   "))));

        Transcript transcript = stitcher.stitch(arrived, "en", "pocketsphinx");

        assertThat(transcript.text()).isEqualTo("in the beginning there was and the end");
        assertThat(transcript.segments()).containsExactly(
                new Segment(0.5, 4.0, "in the beginning"),
                new Segment(5.0, 8.0, "there was"),
                new Segment(61.0, 63.5, "and the end"));
        assertThat(transcript.language()).isEqualTo("en");
        assertThat(transcript.provider()).isEqualTo("pocketsphinx");
    }

    @Test
    void keepsOffsetsGivenByTheParserInChunkOrder() {
        PocketsphinxOutput parser = new PocketsphinxOutput();
        String chunkOutput = "hello there\n<s> 0.0 0.1 1\nhello 0.2 0.6 0.9\nthere 0.7 1.1 0.9\n</s> 1.2 1.3 1\n";

        Transcript transcript = stitcher.stitch(List.of(
                new ChunkTranscript(1, parser.parse(chunkOutput, 30.0)),
                new ChunkTranscript(0, parser.parse(chunkOutput, 0.0))), "en", "pocketsphinx");

        assertThat(transcript.segments()).containsExactly(
                new Segment(0.2, 1.1, "hello there"), new Segment(30.2, 31.1, "hello there"));
        assertThat(transcript.text()).isEqualTo("hello there hello there");
    }

    @Test
    void aLateTimeFromTheRecogniserDoesNotMoveWordsIntoTheNextChunk() {
        // pocketsphinx 0.8 reported the second utterance of a 64 s chunk at 60.5 s instead of about 32 s.
        Transcript transcript = stitcher.stitch(List.of(
                new ChunkTranscript(0, List.of(new Segment(0.1, 31.7, "first utterance"),
                        new Segment(60.5, 63.0, "second utterance"))),
                new ChunkTranscript(1, List.of(new Segment(63.8, 66.0, "next chunk")))), "en", "pocketsphinx");

        assertThat(transcript.text()).isEqualTo("first utterance second utterance next chunk");
    }

    @Test
    void nothingHeardIsAnEmptyTranscriptNotAnError() {
        Transcript transcript = stitcher.stitch(List.of(new ChunkTranscript(0, List.of())), "en", "pocketsphinx");

        assertThat(transcript.text()).isEmpty();
        assertThat(transcript.segments()).isEmpty();
    }

    @Test
    void aChunkDeliveredTwiceIsRejectedRatherThanRepeated() {
        List<ChunkTranscript> twice = List.of(
                new ChunkTranscript(0, List.of(new Segment(0, 1, "hello"))),
                new ChunkTranscript(0, List.of(new Segment(0, 1, "hello"))));

        assertThatThrownBy(() -> stitcher.stitch(twice, "en", "pocketsphinx"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk 0");
    }
}
