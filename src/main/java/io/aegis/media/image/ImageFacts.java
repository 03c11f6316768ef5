package io.aegis.media.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the image header says about a file, read without decoding pixels.
 *
 * @param format      lower-case ImageIO format name: {@code jpeg}, {@code png}, {@code gif}, {@code webp}, ...
 * @param orientation EXIF orientation 1..8 (1 when absent): how the stored pixels must be turned to display upright
 * @param metadata    curated, JSON-friendly EXIF summary (see {@link CameraMetadata}); empty when none was readable
 */
public record ImageFacts(String format, int width, int height, boolean hasAlpha, int orientation,
                         Map<String, Object> metadata) {

    public ImageFacts {
        // Keep the curated key order for readers of the JSON; Map.copyOf would scramble it.
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public long pixels() {
        return (long) width * height;
    }
}
