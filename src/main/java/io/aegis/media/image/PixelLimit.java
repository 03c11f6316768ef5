package io.aegis.media.image;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.util.Locale;

/** Refuses images whose declared size would need more memory to decode than we allow. */
final class PixelLimit {

    private PixelLimit() {
    }

    static void check(int width, int height, long maxPixels) {
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the image header declares an empty size " + width + "×" + height);
        }
        if (pixels > maxPixels) {
            throw new StepFailure(ErrorCode.DECOMPRESSION_BOMB, String.format(Locale.ROOT,
                    "%d×%d = %.1f megapixels is above the limit of %.1f", width, height, pixels / 1e6, maxPixels / 1e6));
        }
    }

    /** For containers whose parts are decoded one by one: the largest part a decoder would allocate. */
    static void checkLargest(long pixels, long maxPixels) {
        if (pixels > maxPixels) {
            throw new StepFailure(ErrorCode.DECOMPRESSION_BOMB, String.format(Locale.ROOT,
                    "a part of the image declares %.1f megapixels, above the limit of %.1f", pixels / 1e6, maxPixels / 1e6));
        }
    }
}
