package io.aegis.media.image;

import io.aegis.state.StepFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * Reads format, size, alpha and EXIF from an image's header, never its pixels, so a hostile file is
 * refused before anything large is allocated. Stateless and thread-safe.
 */
public class ImageProbe {

    private final long svgMaxBytes;
    private final int svgRenderSize;

    public ImageProbe() {
        this(10L * 1024 * 1024, 2048);
    }

    /**
     * @param svgMaxBytes   larger SVGs are refused (LIMIT_EXCEEDED) rather than rendered
     * @param svgRenderSize the long side SVGs are rasterised at (within that square, aspect kept)
     */
    public ImageProbe(long svgMaxBytes, int svgRenderSize) {
        this.svgMaxBytes = svgMaxBytes;
        this.svgRenderSize = svgRenderSize;
    }

    public int svgRenderSize() {
        return svgRenderSize;
    }

    /**
     * The facts of an image of the given sniffed MIME type: from ImageIO's header for the formats it reads,
     * from the HEIF boxes for HEIC/AVIF, from the XML for SVG. Nothing is decoded or rendered.
     *
     * @throws StepFailure DECOMPRESSION_BOMB above {@code maxPixels}; CORRUPT_MEDIA when the header cannot be
     *                     read; for SVG also LIMIT_EXCEEDED and UNSUPPORTED_MEDIA_TYPE (see {@link SvgHeader})
     */
    public ImageFacts probe(Path file, String mimeType, long maxPixels) {
        return switch (ImageDecoder.forMimeType(mimeType)) {
            case HEIF -> heif(file, maxPixels);
            case SVG -> svg(file);
            case IMAGE_IO -> probe(file, maxPixels);
        };
    }

    private static ImageFacts heif(Path file, long maxPixels) {
        HeifHeader.Declared declared = HeifHeader.read(file);
        PixelLimit.check(declared.width(), declared.height(), maxPixels);
        // a grid's tiles or a hidden item can be larger than the primary image: each is decoded whole
        PixelLimit.checkLargest(declared.largestDeclaredPixels(), maxPixels);
        // heif-convert applies the rotation and mirror boxes, so the pixels it writes are upright: orientation 1.
        // The EXIF orientation inside a HEIF repeats those boxes and is kept in the EXIF summary only.
        return new ImageFacts(declared.format(), declared.width(), declared.height(), declared.hasAlpha(), 1,
                CameraMetadata.fromExif(declared.exifTiff()));
    }

    private ImageFacts svg(Path file) {
        SvgHeader.Declared declared = SvgHeader.read(file, svgMaxBytes);
        // a drawing has no pixels of its own: its declared size, or the square it is rendered into when it has none
        int width = declared.known() ? (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(declared.width()))) : svgRenderSize;
        int height = declared.known() ? (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(declared.height()))) : svgRenderSize;
        return new ImageFacts("svg", width, height, true, 1, Map.of());
    }

    /**
     * @throws StepFailure DECOMPRESSION_BOMB above {@code maxPixels}; CORRUPT_MEDIA when no reader
     *                     recognises the file or its header cannot be read
     */
    public ImageFacts probe(Path file, long maxPixels) {
        ImageFacts header = header(file, maxPixels);
        // Metadata is read only once the size is known to be sane: its parsers are less hardened than ImageIO's.
        Map<String, Object> metadata = CameraMetadata.read(file);
        int orientation = metadata.get("orientation") instanceof Integer ? (Integer) metadata.get("orientation") : 1;
        return new ImageFacts(header.format(), header.width(), header.height(), header.hasAlpha(), orientation, metadata);
    }

    /**
     * As {@link #probe(Path, long)} without the EXIF: format, size and alpha from ImageIO's reading of the header only
     * (orientation 1, no metadata), for a step that needs to know what it is about to hand a decoder.
     */
    public ImageFacts header(Path file, long maxPixels) {
        ImageReader reader = ImageReaders.open(file, true);
        String format;
        int width;
        int height;
        boolean alpha;
        try {
            format = ImageReaders.formatName(reader);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            PixelLimit.check(width, height, maxPixels);
            alpha = hasAlpha(reader);
        } catch (IOException | RuntimeException e) {
            throw e instanceof StepFailure ? (StepFailure) e : ImageReaders.corrupt("the image header cannot be read", e);
        } finally {
            ImageReaders.close(reader);
        }
        return new ImageFacts(format, width, height, alpha, 1, Map.of());
    }

    /** Best effort: some readers need more than the header to know their colour model, then we say no alpha. */
    private static boolean hasAlpha(ImageReader reader) {
        try {
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            if (raw != null) {
                return raw.getColorModel().hasAlpha();
            }
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            return types.hasNext() && types.next().getColorModel().hasAlpha();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
