package io.aegis.media.image;

import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Collects decoder warnings that mean the pixels are damaged. The JDK JPEG reader fills a truncated file
 * with grey and only warns, so without this a broken upload would become a plausible-looking thumbnail.
 */
final class CorruptDataWarnings implements IIOReadWarningListener {

    private String first;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        if (first == null && meansCorrupt(warning)) {
            first = warning;
        }
    }

    /** The first damaging warning, or null when the decode was clean. */
    String first() {
        return first;
    }

    static boolean meansCorrupt(String warning) {
        String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        // "Extraneous bytes before marker" is common in real camera files that decode perfectly.
        if (w.contains("extraneous bytes")) {
            return false;
        }
        return w.contains("premature end") || w.contains("corrupt") || w.contains("truncated")
                || w.contains("bad huffman") || w.contains("invalid");
    }
}
