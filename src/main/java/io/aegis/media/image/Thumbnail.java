package io.aegis.media.image;

import java.nio.file.Path;

/**
 * One rendered thumbnail.
 *
 * @param longSide the requested long side; {@code width}/{@code height} are smaller when the source was
 * @param format   {@code jpeg}, or {@code png} when the source has alpha
 */
public record Thumbnail(Path file, int longSide, int width, int height, String format) {
}
