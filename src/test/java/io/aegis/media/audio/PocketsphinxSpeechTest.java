package io.aegis.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aegis.state.Insights.Segment;
import io.aegis.state.Insights.Transcript;
import io.aegis.testmedia.TestAudio;

/** Real speech through the real recogniser, with the arguments the route uses. Skipped without the binaries. */
class PocketsphinxSpeechTest {

    private static final double MAX_WORD_ERROR_RATE = 0.35;

    private final PocketsphinxOutput output = new PocketsphinxOutput();

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheSpeechTools() {
        assumeTrue(TestAudio.installed("flite", "ffmpeg", PocketsphinxCommand.EXECUTABLE),
                "flite, ffmpeg and pocketsphinx_continuous are not all installed");
    }

    @Test
    void recognisesMostWordsOfASynthesisedSentence() {
        String sentence = "the quick brown fox jumps over the lazy dog near the river bank";
        Path wav = TestAudio.speechWav(sentence, dir);

        List<Segment> segments = output.parse(TestAudio.run(PocketsphinxCommand.command(wav)), 0);

        String heard = String.join(" ", segments.stream().map(Segment::text).toList());
        assertThat(TestAudio.wordErrorRate(sentence, heard)).as("heard \"%s\"", heard).isLessThanOrEqualTo(MAX_WORD_ERROR_RATE);
        assertThat(segments.get(0).start()).isGreaterThanOrEqualTo(0);
        assertThat(segments.get(segments.size() - 1).end()).isLessThanOrEqualTo(new WavChunker().durationSeconds(wav));
    }

    @Test
    void chunkedRecordingIsStitchedBackInOrderWithRecordingTimes() throws IOException {
        List<String> sentences = List.of(
                "please call stella and ask her to bring these things with her from the store",
                "the weather today is sunny with a light breeze from the west",
                "we will meet at the library after lunch to discuss the project");
        Path recording = withPauses(sentences, 1.5);

        List<AudioChunk> chunks = new WavChunker().split(recording, 6, 3, dir.resolve("chunks"));
        List<ChunkTranscript> heard = new ArrayList<>();
        for (AudioChunk chunk : chunks) {
            String stdout = TestAudio.run(PocketsphinxCommand.command(chunk.file()));
            heard.add(new ChunkTranscript(chunk.index(), output.parse(stdout, chunk.startSeconds())));
        }
        Transcript transcript = new TranscriptStitcher().stitch(heard, PocketsphinxCommand.LANGUAGE,
                PocketsphinxCommand.PROVIDER);

        assertThat(chunks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(TestAudio.wordErrorRate(String.join(" ", sentences), transcript.text()))
                .as("heard \"%s\"", transcript.text()).isLessThanOrEqualTo(MAX_WORD_ERROR_RATE);
        assertThat(transcript.segments()).extracting(Segment::start).isSorted();
        AudioChunk last = chunks.get(chunks.size() - 1);
        assertThat(transcript.segments().get(transcript.segments().size() - 1).start())
                .isGreaterThanOrEqualTo(last.startSeconds());
    }

    /** The sentences spoken one after another with {@code pauseSeconds} of silence between them. */
    private Path withPauses(List<String> sentences, double pauseSeconds) throws IOException {
        ByteArrayOutputStream samples = new ByteArrayOutputStream();
        byte[] pause = new byte[(int) (pauseSeconds * 16_000) * 2];
        for (String sentence : sentences) {
            byte[] wav = Files.readAllBytes(TestAudio.speechWav(sentence, dir));
            samples.write(wav, 44, wav.length - 44);
            samples.write(pause);
        }
        short[] pcm = new short[samples.size() / 2];
        ByteBuffer.wrap(samples.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return TestAudio.pcmWav(pcm, dir.resolve("recording.wav"));
    }
}
