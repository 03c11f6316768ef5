package io.aegis.media.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;

/** What the thumbnail tests check of a made thumbnail, whichever path (JDK or libvips) made it. */
final class ThumbnailAssertions {

    private ThumbnailAssertions() {
    }

    /** The file has that name, decodes, and has the dimensions the record says. */
    static BufferedImage assertDecodes(Thumbnail thumb, int width, int height, String name) throws IOException {
        assertThat(thumb.file().getFileName()).hasToString(name);
        BufferedImage image = ImageIO.read(thumb.file().toFile());
        assertThat(image).as("decodable %s", name).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(thumb.width()).isEqualTo(width);
        assertThat(thumb.height()).isEqualTo(height);
        return image;
    }

    /** The red marker the test images carry in one corner, to see where it ends up after rotation. */
    static boolean isMarker(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getGreen() < 80 && c.getBlue() < 80;
    }
}
