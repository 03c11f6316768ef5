package io.aegis.testmedia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Audio for tests and benchmarks: speech synthesised by flite and converted by ffmpeg, PCM WAVs built from
 * samples, and word error rate. Tests that need the binaries check {@link #installed(String...)} first.
 */
public final class TestAudio {

    /**
     * flite's default voice (kal, 8 kHz diphones) is so unnatural that pocketsphinx gets most words wrong;
     * the 16 kHz cluster-unit voice slt is recognised well.
     */
    public static final String VOICE = "slt";

    private static final long TIMEOUT_SECONDS = 120;

    private TestAudio() {
    }

    /** Whether every command is on the PATH. */
    public static boolean installed(String... commands) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(commands).allMatch(command -> Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command))));
    }

    /** Spoken {@code text} as a 16 kHz mono 16-bit WAV with a plain 44-byte header, the recogniser's input. */
    public static Path speechWav(String text, Path dir) {
        return speech(text, dir.resolve("speech-" + Math.abs(text.hashCode()) + ".wav"),
                "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le");
    }

    /** Spoken {@code text} as an MP3 (mono, 64 kb/s), for uploads of compressed audio. */
    public static byte[] speechMp3(String text) {
        return speechBytes(text, "mp3", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k");
    }

    /** Spoken {@code text} in the container ffmpeg picks for {@code extension} ("ogg", "flac", "m4a", ...). */
    public static byte[] speechBytes(String text, String extension, String... ffmpegOutputOptions) {
        try {
            Path dir = Files.createTempDirectory("aegis-speech");
            try {
                return Files.readAllBytes(speech(text, dir.resolve("speech." + extension), ffmpegOutputOptions));
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path speech(String text, Path output, String... ffmpegOutputOptions) {
        Path synthesised = output.resolveSibling(output.getFileName() + ".flite.wav");
        run(List.of("flite", "-voice", VOICE, "-t", text, "-o", synthesised.toString()));
        List<String> ffmpeg = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                "-y", "-i", synthesised.toString()));
        ffmpeg.addAll(List.of(ffmpegOutputOptions));
        // No metadata: ffmpeg would add a LIST chunk, which pocketsphinx 0.8 (it skips 44 bytes) hears as noise.
        ffmpeg.addAll(List.of("-map_metadata", "-1", "-fflags", "+bitexact", output.toString()));
        run(ffmpeg);
        try {
            Files.deleteIfExists(synthesised);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output;
    }

    /** A 16 kHz mono 16-bit WAV holding exactly {@code samples}. */
    public static Path pcmWav(short[] samples, Path file) {
        ByteBuffer wav = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2);
        wav.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        wav.putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        for (short sample : samples) {
            wav.putShort(sample);
        }
        try {
            return Files.write(file, wav.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code actualSeconds} of silence (8 kHz mono FLAC, one frame per 65 535 samples: two hours fit in ~20 KB) whose
     * STREAMINFO header claims {@code claimedSeconds}: ffprobe reports the claim, a decoder reads all of it.
     */
    public static byte[] flacClaimingLessThanItHolds(int claimedSeconds, int actualSeconds) {
        try {
            Path file = Files.createTempFile("aegis-lying", ".flac");
            try {
                run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                        "-i", "anullsrc=r=8000:cl=mono", "-t", Integer.toString(actualSeconds), "-c:a", "flac",
                        "-frame_size", "65535", "-compression_level", "0", file.toString()));
                byte[] flac = Files.readAllBytes(file);
                // "fLaC", a 4-byte block header, then STREAMINFO: 64 bits at offset 18 end with the 36-bit sample count.
                long word = ByteBuffer.wrap(flac, 18, 8).getLong();
                long sampleRate = word >>> 44;
                long mask = (1L << 36) - 1;
                word = (word & ~mask) | (claimedSeconds * sampleRate);
                ByteBuffer.wrap(flac, 18, 8).putLong(word);
                return flac;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion and returns its standard output; fails on a non-zero exit. */
    public static String run(List<String> command) {
        try {
            Path stderr = Files.createTempFile("aegis-cmd", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectError(stderr.toFile())
                        .start();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + command);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " exited " + process.exitValue() + ": "
                            + Files.readString(stderr));
                }
                return stdout;
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Word-level edit distance divided by the reference's word count, ignoring case and punctuation. */
    public static double wordErrorRate(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        if (ref.isEmpty()) {
            return hyp.isEmpty() ? 0 : 1;
        }
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return (double) previous[hyp.size()] / ref.size();
    }

    private static List<String> words(String text) {
        // Apostrophes stay: "don't" and "dont" are different words to a recogniser's dictionary.
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd}'\\s]", " ");
        return Arrays.stream(cleaned.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }
}
