package io.aegis.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import io.aegis.testmedia.TestAudio;

/** Chunks cut inside pauses, cover the recording exactly, and are WAV files of their own. */
class WavChunkerTest {

    private static final int RATE = 16_000;

    private final WavChunker chunker = new WavChunker();

    @TempDir
    Path dir;

    @Test
    void cutsInsidePausesAndCoversTheWholeRecording() throws IOException {
        Recording recording = wordsAndPauses(60, new Random(42));
        Path wav = TestAudio.pcmWav(recording.samples(), dir.resolve("talk.wav"));

        List<AudioChunk> chunks = chunker.split(wav, 5, 1.5, dir.resolve("chunks"));

        assertThat(chunks).hasSizeGreaterThan(8);
        double total = (double) recording.samples().length / RATE;
        double expectedStart = 0;
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (AudioChunk chunk : chunks) {
            assertThat(chunk.index()).isEqualTo(chunks.indexOf(chunk));
            assertThat(chunk.file().getFileName()).hasToString(String.format("chunk-%03d.wav", chunk.index()));
            assertThat(chunk.startSeconds()).isCloseTo(expectedStart, within(1e-9));
            assertThat(chunk.durationSeconds()).isBetween(5 - 1.5, 5 + 1.5);
            assertThat(chunker.durationSeconds(chunk.file())).isCloseTo(chunk.durationSeconds(), within(1e-9));
            if (chunk.index() > 0) {
                assertThat(recording.isPause((long) Math.round(chunk.startSeconds() * RATE)))
                        .as("cut at %.3f s falls in a pause", chunk.startSeconds()).isTrue();
            }
            byte[] file = Files.readAllBytes(chunk.file());
            assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            joined.write(file, 44, file.length - 44);
            expectedStart += chunk.durationSeconds();
        }
        assertThat(expectedStart).isCloseTo(total, within(1e-9));
        byte[] original = Files.readAllBytes(wav);
        assertThat(joined.toByteArray()).isEqualTo(Arrays.copyOfRange(original, 44, original.length));
    }

    @Test
    void aRecordingShorterThanOneChunkIsUsedAsItIs() throws IOException {
        Path wav = TestAudio.pcmWav(new short[RATE * 6], dir.resolve("short.wav"));

        List<AudioChunk> chunks = chunker.split(wav, 5, 1.5, dir.resolve("chunks"));

        assertThat(chunks).containsExactly(new AudioChunk(0, wav, 0, 6));
        assertThat(dir.resolve("chunks")).doesNotExist();
    }

    @Test
    void findsTheDataChunkAfterAListChunkAndIgnoresAnUnknownPipeSize() throws IOException {
        byte[] samples = new byte[RATE * 2 * 3];
        Path wav = dir.resolve("ffmpeg.wav");
        Files.write(wav, riff(pcmFormat(1, RATE), chunk("LIST", "INFOISFT\016\0\0\0Lavf59.27.100\0"),
                // ffmpeg writing to a pipe cannot go back to fill in the size.
                chunkHeader("data", 0xFFFF_FFFF), samples));

        assertThat(chunker.durationSeconds(wav)).isEqualTo(3.0);
        assertThat(chunker.split(wav, 1, 0.2, dir.resolve("chunks")))
                .extracting(AudioChunk::durationSeconds).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void rejectsAnythingButSixteenKilohertzMonoPcm() throws IOException {
        Path stereo = dir.resolve("stereo.wav");
        Files.write(stereo, riff(pcmFormat(2, RATE), chunk("data", new byte[400])));
        Path cdRate = dir.resolve("44k.wav");
        Files.write(cdRate, riff(pcmFormat(1, 44_100), chunk("data", new byte[400])));
        Path mp3 = dir.resolve("song.wav");
        Files.write(mp3, new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0, 0, 0});

        for (Path wav : List.of(stereo, cdRate, mp3)) {
            assertThatThrownBy(() -> chunker.split(wav, 5, 1, dir.resolve("chunks")))
                    .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
        }
    }

    /** Tone bursts of 0.3-1.2 s ("words") separated by 0.15-0.5 s of faint noise ("pauses"). */
    private static Recording wordsAndPauses(int seconds, Random random) {
        short[] samples = new short[seconds * RATE];
        List<long[]> pauses = new ArrayList<>();
        int position = 0;
        while (position < samples.length) {
            int word = Math.min(samples.length - position, (int) (RATE * (0.3 + random.nextDouble() * 0.9)));
            double pitch = 150 + random.nextInt(300);
            for (int i = 0; i < word; i++) {
                samples[position + i] = (short) (8000 * Math.sin(2 * Math.PI * pitch * i / RATE));
            }
            position += word;
            int pause = Math.min(samples.length - position, (int) (RATE * (0.15 + random.nextDouble() * 0.35)));
            for (int i = 0; i < pause; i++) {
                samples[position + i] = (short) (random.nextGaussian() * 30);
            }
            pauses.add(new long[] {position, position + pause});
            position += pause;
        }
        return new Recording(samples, pauses);
    }

    private record Recording(short[] samples, List<long[]> pauses) {
        boolean isPause(long sample) {
            return pauses.stream().anyMatch(p -> sample >= p[0] && sample < p[1]);
        }
    }

    private static byte[] pcmFormat(int channels, int rate) {
        return chunk("fmt ", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16).array());
    }

    private static byte[] chunk(String id, String body) {
        return chunk(id, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(chunkHeader(id, body.length));
        out.writeBytes(body);
        if (body.length % 2 == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] chunkHeader(String id, int length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .put(id.getBytes(StandardCharsets.US_ASCII)).putInt(length).array();
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        Arrays.stream(chunks).forEach(body::writeBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(chunkHeader("RIFF", body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
