package io.aegis.media.image;

import io.aegis.media.OriginalFiles;
import java.nio.file.Path;
import org.apache.camel.Exchange;

/**
 * The file whose pixels the image steps read: a PNG the decode route made for a format ImageIO cannot read
 * (HEIC, AVIF, SVG), otherwise the original. Kept for one exchange, in its scratch directory.
 */
public final class DecodedImage {

    static final String FILE = "aegis.decodedImage";

    private DecodedImage() {
    }

    static void use(Exchange exchange, Path png) {
        exchange.setProperty(FILE, png);
    }

    public static Path orOriginal(Exchange exchange, OriginalFiles originals) {
        Path decoded = exchange.getProperty(FILE, Path.class);
        return decoded != null ? decoded : originals.local(exchange);
    }
}
