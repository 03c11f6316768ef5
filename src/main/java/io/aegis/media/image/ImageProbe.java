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

    /**
     * @throws StepFailure DECOMPRESSION_BOMB above {@code maxPixels}; CORRUPT_MEDIA when no reader
     *                     recognises the file or its header cannot be read
     */
    public ImageFacts probe(Path file, long maxPixels) {
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
        // Metadata is read only once the size is known to be sane: its parsers are less hardened than ImageIO's.
        Map<String, Object> metadata = CameraMetadata.read(file);
        int orientation = metadata.get("orientation") instanceof Integer ? (Integer) metadata.get("orientation") : 1;
        return new ImageFacts(format, width, height, alpha, orientation, metadata);
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
