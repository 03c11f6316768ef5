package io.aegis.testmedia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HEIC and AVIF files made by the Debian encoders a phone's format is written with here: {@code heif-enc}
 * (libheif-examples, x265 inside) and {@code avifenc} (libavif-bin, an encoder of another project than the
 * decoder Aegis runs). Deterministic for the same input; {@code make test} installs both.
 */
public final class TestPhoneImages {

    private TestPhoneImages() {
    }

    /** A HEIC of {@code jpeg}; heif-enc carries the JPEG's EXIF (make, model, orientation) into the file. */
    public static byte[] heic(byte[] jpeg) {
        return encode(jpeg, ".jpg", ".heic", output -> List.of("heif-enc", "-q", "60", "INPUT", "-o", output));
    }

    /** A HEIC with an alpha plane, from a PNG with transparency. */
    public static byte[] heicWithAlpha(byte[] png) {
        return encode(png, ".png", ".heic", output -> List.of("heif-enc", "-q", "60", "INPUT", "-o", output));
    }

    /**
     * An AVIF of {@code png}; {@code quarterTurns} 1 writes an irot box turning it 90° anticlockwise for display,
     * as cameras that store the sensor's pixels do.
     */
    public static byte[] avif(byte[] png, int quarterTurns) {
        return encode(png, ".png", ".avif", output -> {
            List<String> command = new ArrayList<>(List.of("avifenc", "--speed", "10", "--min", "20", "--max", "30"));
            if (quarterTurns != 0) {
                command.addAll(List.of("--irot", Integer.toString(quarterTurns)));
            }
            command.addAll(List.of("INPUT", output));
            return command;
        });
    }

    /** A HEIC of {@code jpeg} with a second image item: a thumbnail of at most {@code thumbnailSide} pixels. */
    public static byte[] heicWithThumbnail(byte[] jpeg, int thumbnailSide) {
        return encode(jpeg, ".jpg", ".heic", output -> List.of("heif-enc", "-q", "60", "-t", Integer.toString(thumbnailSide),
                "INPUT", "-o", output));
    }

    /** {@code heif} with only its {@code index}-th (0-based) image size box rewritten to claim {@code width}×{@code height}. */
    public static byte[] claimingSizeAt(byte[] heif, int index, int width, int height) {
        byte[] out = heif.clone();
        int seen = 0;
        for (int i = 0; i + 16 <= out.length; i++) {
            if (out[i] == 'i' && out[i + 1] == 's' && out[i + 2] == 'p' && out[i + 3] == 'e' && seen++ == index) {
                ByteBuffer.wrap(out, i + 8, 8).putInt(width).putInt(height);
                return out;
            }
        }
        throw new IllegalArgumentException("the file has only " + seen + " ispe boxes");
    }

    /** {@code heif} with every image size box (ispe) rewritten to claim {@code width}×{@code height}. */
    public static byte[] claimingSize(byte[] heif, int width, int height) {
        byte[] out = heif.clone();
        byte[] ispe = "ispe".getBytes(StandardCharsets.US_ASCII);
        int found = 0;
        for (int i = 0; i + 16 <= out.length; i++) {
            if (out[i] == ispe[0] && out[i + 1] == ispe[1] && out[i + 2] == ispe[2] && out[i + 3] == ispe[3]) {
                ByteBuffer.wrap(out, i + 8, 8).putInt(width).putInt(height);
                found++;
            }
        }
        if (found == 0) {
            throw new IllegalArgumentException("no ispe box in the file");
        }
        return out;
    }

    public static boolean encodersAvailable() {
        return runs("heif-enc", "--version") && runs("avifenc", "--version");
    }

    private interface Command {
        List<String> of(String output);
    }

    private static byte[] encode(byte[] input, String inSuffix, String outSuffix, Command command) {
        try {
            Path dir = Files.createTempDirectory("aegis-phone-");
            try {
                Path in = Files.write(dir.resolve("in" + inSuffix), input);
                Path out = dir.resolve("out" + outSuffix);
                List<String> args = command.of(out.toString()).stream()
                        .map(arg -> "INPUT".equals(arg) ? in.toString() : arg).toList();
                Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
                String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(out)) {
                    throw new IllegalStateException(args + " failed: " + log);
                }
                return Files.readAllBytes(out);
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the HEIF/AVIF encoders are missing (make test installs them)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
