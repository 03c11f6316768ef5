package io.aegis.media.image;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;

/**
 * Renders JPEG (or PNG, when the source has alpha) thumbnails at several long sides from one decode.
 * The decoder skips pixels while reading (source subsampling), so a 12 MP photo is never held at full
 * size when only small thumbnails are wanted. Holds no mutable state: one instance serves many threads.
 */
public class Thumbnailer {

    public static final float DEFAULT_JPEG_QUALITY = 0.85f;

    /** Decode at least this many times the largest requested side, so the final downscale can average. */
    static final int DECODE_MARGIN = 2;

    private final long maxPixels;
    private final ThumbnailWriter writer;

    public Thumbnailer(long maxPixels) {
        this(maxPixels, DEFAULT_JPEG_QUALITY);
    }

    public Thumbnailer(long maxPixels, float jpegQuality) {
        if (jpegQuality <= 0 || jpegQuality > 1) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], was " + jpegQuality);
        }
        this.maxPixels = maxPixels;
        this.writer = new ThumbnailWriter(jpegQuality);
    }

    /**
     * @param orientation EXIF orientation 1..8 of {@code source} (from {@link ImageProbe}); the thumbnails come out upright
     * @param longSides   requested long sides in pixels; a source smaller than one keeps its own size
     * @return one thumbnail per distinct requested size, in the order requested, written to {@code outDir/thumb-<longSide>.jpg|png}
     * @throws StepFailure CORRUPT_MEDIA for unreadable or damaged data, DECOMPRESSION_BOMB above the pixel limit
     */
    public List<Thumbnail> render(Path source, int orientation, List<Integer> longSides, Path outDir) {
        List<Integer> sizes = distinctLargestFirst(longSides);
        BufferedImage decoded = decode(source, sizes.get(0));
        boolean alpha = decoded.getColorModel().hasAlpha();
        String format = ThumbnailWriter.formatFor(alpha);
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        createDirectories(outDir);
        Map<Integer, Thumbnail> bySize = new HashMap<>();
        BufferedImage current = decoded;
        for (int size : sizes) {
            // Each smaller size continues from the previous one; orienting last is cheap since the long side is unchanged by it.
            current = Downscaler.toLongSide(current, size, type);
            BufferedImage upright = Orientation.apply(current, orientation);
            Path file = fileFor(outDir, size, format);
            writer.write(upright, format, file);
            bySize.put(size, new Thumbnail(file, size, upright.getWidth(), upright.getHeight(), format));
        }
        return longSides.stream().distinct().map(bySize::get).toList();
    }

    /**
     * The thumbnails {@link #render} writes for a source whose header declares {@code width}×{@code height} (as stored,
     * before orientation), computed without decoding it: the same files, formats and sizes to the pixel, largest first
     * (the order in which each can be made from the one before). Another renderer that makes exactly these keeps the
     * renditions as the JDK path records them.
     */
    public static List<Thumbnail> plan(int width, int height, int orientation, boolean alpha, List<Integer> longSides,
                                       Path outDir) {
        List<Integer> sizes = distinctLargestFirst(longSides);
        String format = ThumbnailWriter.formatFor(alpha);
        // as decode(): the reader skips pixels, rounding each side up
        int step = subsampling(Math.max(width, height), sizes.get(0));
        int w = (width + step - 1) / step;
        int h = (height + step - 1) / step;
        boolean swap = Orientation.swapsSides(orientation);
        List<Thumbnail> planned = new java.util.ArrayList<>();
        for (int size : sizes) {
            int[] target = Downscaler.targetSize(w, h, size);
            w = target[0];
            h = target[1];
            planned.add(new Thumbnail(fileFor(outDir, size, format), size, swap ? h : w, swap ? w : h, format));
        }
        return planned;
    }

    static Path fileFor(Path outDir, int longSide, String format) {
        return outDir.resolve("thumb-" + longSide + "." + ThumbnailWriter.extensionFor(format));
    }

    private BufferedImage decode(Path source, int largestSide) {
        ImageReader reader = ImageReaders.open(source, true);
        try {
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            PixelLimit.check(width, height, maxPixels);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(Math.max(width, height), largestSide);
            param.setSourceSubsampling(step, step, 0, 0);
            CorruptDataWarnings warnings = new CorruptDataWarnings();
            reader.addIIOReadWarningListener(warnings);
            BufferedImage image = reader.read(0, param);
            if (warnings.first() != null) {
                throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the image data is damaged or truncated (" + warnings.first() + ")");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            throw e instanceof StepFailure ? (StepFailure) e : ImageReaders.corrupt("the image data cannot be decoded", e);
        } finally {
            ImageReaders.close(reader);
        }
    }

    /** The largest pixel step that still leaves {@link #DECODE_MARGIN} times the largest requested side. */
    static int subsampling(int sourceLongSide, int largestSide) {
        return Math.max(1, sourceLongSide / (DECODE_MARGIN * largestSide));
    }

    private static List<Integer> distinctLargestFirst(List<Integer> longSides) {
        if (longSides.isEmpty()) {
            throw new IllegalArgumentException("at least one thumbnail size is needed");
        }
        for (int size : longSides) {
            if (size <= 0) {
                throw new IllegalArgumentException("thumbnail sizes must be positive, got " + size);
            }
        }
        return longSides.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
