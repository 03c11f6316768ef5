package io.aegis.media.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.camel.Exchange;

/**
 * Which picture the thumbnailer shrinks: the original image by default, or a frame another step made (a
 * video's poster), named through exchange properties so one thumbnail route serves both.
 */
public final class ThumbnailSource {

    public static final String FILE = "aegis.thumbnailSource";
    static final String ORIENTATION = "aegis.thumbnailOrientation";

    private ThumbnailSource() {
    }

    public static void use(Exchange exchange, Path file, int orientation) {
        exchange.setProperty(FILE, file);
        exchange.setProperty(ORIENTATION, orientation);
    }

    /** Width and height from the image header, without decoding pixels. */
    public static int[] dimensions(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no image reader for " + file.getFileName());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
