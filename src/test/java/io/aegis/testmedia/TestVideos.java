package io.aegis.testmedia;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Small test recordings made with ffmpeg's synthetic sources (lavfi), optionally with a given soundtrack. */
public final class TestVideos {

    private TestVideos() {
    }

    /** A 160×120 H.264 MP4 of {@code seconds} seconds showing ffmpeg's test pattern, with no audio. */
    public static byte[] silentMp4(double seconds, Path dir) {
        Path out = dir.resolve("silent-" + System.nanoTime() + ".mp4");
        ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=160x120:r=5:d=" + format(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", out.toString()));
        return read(out);
    }

    /** The test pattern with {@code soundtrack} (any format ffmpeg reads) as AAC audio; as long as the sound. */
    public static byte[] mp4WithSound(Path soundtrack, Path dir) {
        Path out = dir.resolve("talk-" + System.nanoTime() + ".mp4");
        ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=10", "-i", soundtrack.toString(),
                "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", out.toString()));
        return read(out);
    }

    /**
     * Re-encodes audio to another container/codec by file extension (mp3, flac, ogg, m4a, wav), at 44.1 kHz
     * like music players and phones write it (an MP3 at the speech's own 16 kHz is audibly degraded).
     */
    public static byte[] convertAudio(Path audio, String extension, Path dir) {
        Path out = dir.resolve("audio-" + System.nanoTime() + "." + extension);
        ffmpeg(List.of("-i", audio.toString(), "-ar", "44100", out.toString()));
        return read(out);
    }

    public static boolean ffmpegAvailable() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public static void ffmpeg(List<String> args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("ffmpeg is not installed (make test installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }
}
