package io.aegis.testmedia;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Image fixtures built in memory, for unit and whole-pipeline tests. Every method returns the file's
 * bytes and is deterministic (same arguments, same bytes), except {@link #webp} which depends on ffmpeg.
 *
 * <p>Photo-like fixtures ({@link #photo}, {@link #jpeg}, ...) carry a red {@link #MARKER} square in the
 * stored top-left corner, so a test can tell where "up" ended up after EXIF orientation.
 */
public final class TestImages {

    /** EXIF Make and Model written by {@link #jpegWithOrientation}. */
    public static final String MAKE = "Aegis Optics";
    public static final String MODEL = "Fixture One";

    /** The colour of the square in the stored top-left corner of photo-like fixtures. */
    public static final Color MARKER = new Color(230, 20, 20);

    private TestImages() {
    }

    /** A baseline JPEG (JFIF, quality 0.9) with smooth gradients, shapes and the red corner marker. */
    public static byte[] jpeg(int width, int height) {
        return encodeJpeg(photo(width, height), 0.9f);
    }

    /**
     * {@link #jpeg} plus an EXIF APP1 segment with Make {@value #MAKE}, Model {@value #MODEL} and the given
     * Orientation (1..8). The pixels are stored unrotated, exactly as a camera held sideways writes them.
     */
    public static byte[] jpegWithOrientation(int width, int height, int orientation) {
        return withExif(jpeg(width, height), MAKE, MODEL, orientation);
    }

    /** Inserts a minimal EXIF APP1 (big-endian TIFF, IFD0 with Make, Model, Orientation) into a JPEG. */
    public static byte[] withExif(byte[] jpeg, String make, String model, int orientation) {
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG: no SOI marker");
        }
        // After SOI, and after a JFIF APP0 when there is one, as JFIF readers expect APP0 first.
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        byte[] app1 = exifSegment(make, model, orientation);
        byte[] out = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(app1, 0, out, at, app1.length);
        System.arraycopy(jpeg, at, out, at + app1.length, jpeg.length - at);
        return out;
    }

    /** A 32-bit PNG: transparent background, an opaque blue disc and a half-transparent green band. */
    public static byte[] pngWithAlpha(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(30, 60, 200));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.setColor(new Color(20, 180, 40, 128));
        g.fillRect(0, height / 2 - height / 10, width, height / 5);
        g.dispose();
        return encode(image, "png");
    }

    /**
     * A CMYK JPEG as Photoshop writes it (Adobe APP14 marker, inverted ink values): bluish background with
     * the red {@link #MARKER}-like square top-left. The JDK's own reader needs TwelveMonkeys for these.
     */
    public static byte[] cmykJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int marker = Math.max(1, Math.min(width, height) / 4);
        int[] background = {200, 50, 0, 0};
        int[] red = {0, 255, 255, 0};
        int[] inverted = new int[4];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] ink = x < marker && y < marker ? red : background;
                for (int c = 0; c < 4; c++) {
                    inverted[c] = 255 - ink[c];
                }
                raster.setPixel(x, y, inverted);
            }
        }
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        // APP14 "Adobe", version 100, flags 0, transform 0: the components are CMYK, not YCCK.
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] out = new byte[jpeg.length + app14.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(jpeg, 2, out, 2 + app14.length, jpeg.length - 2);
        return out;
    }

    /** A single-frame GIF of the photo-like fixture (palette quantised by the JDK writer). */
    public static byte[] gif(int width, int height) {
        return encode(photo(width, height), "gif");
    }

    /**
     * A PNG whose valid IHDR (correct CRC) claims {@code width}×{@code height} RGBA, followed by random
     * bytes instead of image data: a decompression bomb must be refused from the header alone.
     */
    public static byte[] pngHeaderClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        return ByteBuffer.allocate(8 + 4 + 17 + 4 + garbage.length)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
                .put(garbage).array();
    }

    /** The first {@code keep} bytes of {@code data}, as an interrupted upload would leave them. */
    /** A JPEG three quarters blue sky with a white band at the bottom: two colours a describer can name. */
    public static byte[] blueWithWhiteBand(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 80, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillRect(0, height * 3 / 4, width, height / 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] truncated(byte[] data, int keep) {
        return Arrays.copyOf(data, Math.min(keep, data.length));
    }

    /** The start of a 64-bit little-endian ELF executable: binary, but no image. */
    public static byte[] elf() {
        byte[] bytes = new byte[256];
        byte[] ident = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(ident, 0, bytes, 0, ident.length);
        bytes[16] = 2;           // e_type: executable
        bytes[18] = 0x3E;        // e_machine: x86-64
        bytes[20] = 1;           // e_version
        return bytes;
    }

    /**
     * A PNG of black text on white in a 48 px sans-serif font, anti-aliased, one line per {@code \n}:
     * clean enough for tesseract to read back exactly.
     */
    public static byte[] textImage(String text, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 48));
        FontMetrics metrics = g.getFontMetrics();
        int y = 40 + metrics.getAscent();
        for (String line : text.split("\n")) {
            g.drawString(line, 40, y);
            y += metrics.getHeight() * 3 / 2;
        }
        g.dispose();
        return encode(image, "png");
    }

    /** True when an {@code ffmpeg} binary is on the PATH (needed by {@link #webp}). */
    /** Light text on a fully transparent background, as a dark-theme diagram exports it: invisible on white. */
    public static byte[] lightTextOnTransparent(String text, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(245, 245, 245));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        FontMetrics metrics = g.getFontMetrics();
        int y = 30 + metrics.getAscent();
        for (String line : text.split("\n")) {
            g.drawString(line, 30, y);
            y += metrics.getHeight() * 3 / 2;
        }
        g.dispose();
        return encode(image, "png");
    }

    /**
     * A chart as plotting tools export it: a light-grey panel (grey92), a horizontal title and axis title, a vertical
     * axis title and vertical month labels. Upright OCR reads the vertical text as gibberish.
     */
    public static byte[] chartWithVerticalLabels(String title, String xTitle, String yTitle, List<String> labels) {
        int size = 1400;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(235, 235, 235));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new java.awt.BasicStroke(6));
        g.drawPolyline(new int[] {200, 400, 600, 800, 1000, 1200}, new int[] {900, 700, 800, 500, 450, 300}, 6);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 44));
        g.drawString(title, 250, 80);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 34));
        g.drawString(xTitle, 550, 1360);
        java.awt.geom.AffineTransform upright = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, -850, 60);
        for (int i = 0; i < labels.size(); i++) {
            g.drawString(labels.get(i), -1250, 215 + i * 200);
        }
        g.setTransform(upright);
        g.dispose();
        return encode(image, "png");
    }

    /** A photo of a page held sideways: the pixels stored turned a quarter left, EXIF orientation 6 to show them upright. */
    public static byte[] sidewaysPhotoOfText(String text) {
        BufferedImage page = new BufferedImage(1400, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(244, 241, 234));
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(30, 30, 30));
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 40));
        int y = 80;
        for (String line : text.split("\n")) {
            g.drawString(line, 40, y);
            y += 60;
        }
        g.dispose();
        BufferedImage stored = new BufferedImage(page.getHeight(), page.getWidth(), BufferedImage.TYPE_INT_RGB);
        Graphics2D turn = stored.createGraphics();
        // Turned a quarter counter-clockwise: orientation 6 ("rotate 90° clockwise to show") turns it back.
        turn.drawImage(page, new java.awt.geom.AffineTransform(0, -1, 1, 0, 0, page.getWidth()), null);
        turn.dispose();
        return withExif(encodeJpeg(stored, 0.92f), MAKE, MODEL, 6);
    }

    public static boolean ffmpegAvailable() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A lossy WebP of ffmpeg's testsrc2 pattern; guard callers with {@link #ffmpegAvailable}. */
    public static byte[] webp(int width, int height) {
        try {
            Path file = Files.createTempFile("aegis-fixture-", ".webp");
            try {
                Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi",
                        "-i", "testsrc2=s=" + width + "x" + height, "-frames:v", "1", "-c:v", "libwebp", file.toString())
                        .redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("ffmpeg could not make a WebP: " + log);
                }
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The photo-like picture behind the JPEG and GIF fixtures, with the red marker top-left. */
    public static BufferedImage photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(70, 130, 180), width, height, new Color(240, 200, 120)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(40, 90, 40));
        g.fillOval(width / 3, height / 3, width / 2, height / 2);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(Math.max(1, Math.min(width, height) / 100f)));
        g.drawLine(0, height - 1, width - 1, 0);
        int marker = Math.max(1, Math.min(width, height) / 4);
        g.setColor(MARKER);
        g.fillRect(0, 0, marker, marker);
        g.dispose();
        return image;
    }

    private static byte[] exifSegment(String make, String model, int orientation) {
        byte[] makeBytes = (make + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] modelBytes = (model + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifdSize = 2 + 3 * 12 + 4;
        int dataStart = 8 + ifdSize;
        ByteBuffer tiff = ByteBuffer.allocate(dataStart + makeBytes.length + modelBytes.length);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 3);
        int next = dataStart;
        next = asciiEntry(tiff, 0x010F, makeBytes, next);
        next = asciiEntry(tiff, 0x0110, modelBytes, next);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        tiff.put(makeBytes.length > 4 ? makeBytes : new byte[0]);
        tiff.put(modelBytes.length > 4 ? modelBytes : new byte[0]);
        byte[] body = Arrays.copyOf(tiff.array(), tiff.position());
        byte[] header = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + header.length + body.length;
        return ByteBuffer.allocate(2 + length).put((byte) 0xFF).put((byte) 0xE1).putShort((short) length)
                .put(header).put(body).array();
    }

    /** Writes a TIFF ASCII entry; values of up to 4 bytes live in the entry itself, longer ones at {@code dataOffset}. */
    private static int asciiEntry(ByteBuffer tiff, int tag, byte[] value, int dataOffset) {
        tiff.putShort((short) tag).putShort((short) 2).putInt(value.length);
        if (value.length <= 4) {
            tiff.put(Arrays.copyOf(value, 4));
            return dataOffset;
        }
        tiff.putInt(dataOffset);
        return dataOffset + value.length;
    }

    private static byte[] encodeJpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JDK's writer: it encodes a 4-band raster as-is, which is how CMYK JPEGs are made without a CMS. */
    private static ImageWriter jdkJpegWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.sun.imageio")) {
                return writer;
            }
        }
        throw new IllegalStateException("the JDK JPEG writer is not registered");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
