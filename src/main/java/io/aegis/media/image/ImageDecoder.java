package io.aegis.media.image;

import java.util.Locale;
import java.util.Set;

/**
 * Which decoder reads an image's pixels, by its sniffed MIME type: ImageIO in-process for the formats it
 * reads, or a Debian tool run through camel-exec that writes a PNG the image steps then read instead.
 */
public enum ImageDecoder {
    /** JPEG, PNG, GIF, WebP, TIFF, BMP: read in-process. */
    IMAGE_IO,
    /** HEIC/HEIF and AVIF: libheif's heif-convert, which also applies the rotation and mirroring boxes. */
    HEIF,
    /** SVG: librsvg's rsvg-convert, rasterised at a capped size from a directory holding nothing else. */
    SVG;

    private static final Set<String> HEIF_TYPES = Set.of(
            "image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence", "image/avif");

    public static ImageDecoder forMimeType(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if (HEIF_TYPES.contains(type)) {
            return HEIF;
        }
        return "image/svg+xml".equals(type) ? SVG : IMAGE_IO;
    }
}
