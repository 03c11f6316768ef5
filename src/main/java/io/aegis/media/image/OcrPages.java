package io.aegis.media.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Page images for tesseract: flattened, upright, grey, written uncompressed (BMP: fast, and leptonica reads it). */
public final class OcrPages {

    private static final int SAMPLE_GRID = 256;

    private OcrPages() {
    }

    /**
     * The image in grey levels on an opaque background: white behind dark ink, black behind light ink (the ink being
     * the pixels that are mostly opaque). An image without alpha is only converted.
     */
    public static BufferedImage flattened(BufferedImage image) {
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            if (image.getColorModel().hasAlpha()) {
                g.setColor(lightInk(image) ? Color.BLACK : Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    /** True when the opaque pixels are mostly light: white or pale text meant for a dark page. */
    static boolean lightInk(BufferedImage image) {
        int step = Math.max(1, Math.max(image.getWidth(), image.getHeight()) / SAMPLE_GRID);
        double luminance = 0;
        double weight = 0;
        for (int y = 0; y < image.getHeight(); y += step) {
            for (int x = 0; x < image.getWidth(); x += step) {
                int argb = image.getRGB(x, y);
                double alpha = (argb >>> 24) / 255.0;
                double l = (0.2126 * ((argb >> 16) & 0xFF) + 0.7152 * ((argb >> 8) & 0xFF) + 0.0722 * (argb & 0xFF)) / 255;
                luminance += alpha * l;
                weight += alpha;
            }
        }
        return weight > 0 && luminance / weight > 0.5;
    }

    /** The page turned by an EXIF orientation (1..8). */
    public static BufferedImage upright(BufferedImage page, int orientation) {
        return Orientation.apply(page, orientation);
    }

    /** The page turned a quarter {@code clockwise} / 90 times. */
    static BufferedImage turned(BufferedImage page, int clockwise) {
        return switch (clockwise) {
            case 90 -> Orientation.apply(page, 6);
            case 180 -> Orientation.apply(page, 3);
            case 270 -> Orientation.apply(page, 8);
            default -> page;
        };
    }

    public static void write(BufferedImage page, Path file) {
        try {
            Files.deleteIfExists(file);
            if (!ImageIO.write(page, "bmp", file.toFile())) {
                throw new IllegalStateException("no BMP writer for a " + page.getType() + " image");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalStateException(file + " is not an image");
            }
            if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
                return image;
            }
            // BMP reads back as an indexed image; turning keeps the type, and indexed types lose their palette.
            BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = grey.createGraphics();
            try {
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
            return grey;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
