package io.aegis.media.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The page tesseract reads: transparent pictures on a background their ink contrasts with. */
class OcrPagesTest {

    @Test
    void lightInkOnTransparencyGoesOnBlackAndDarkInkOnWhite() {
        BufferedImage light = inkOnTransparent(new Color(250, 250, 250));
        BufferedImage dark = inkOnTransparent(new Color(20, 20, 20));

        BufferedImage lightPage = OcrPages.flattened(light);
        BufferedImage darkPage = OcrPages.flattened(dark);

        // The background (a corner) against the ink (the bar in the middle): opposite ends of grey, either way.
        assertThat(grey(lightPage, 2, 2)).isLessThan(30);
        assertThat(grey(lightPage, 100, 50)).isGreaterThan(220);
        assertThat(grey(darkPage, 2, 2)).isGreaterThan(220);
        assertThat(grey(darkPage, 100, 50)).isLessThan(30);
        assertThat(lightPage.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    }

    @Test
    void aTurnedPageKeepsItsGreyLevelsAndSwapsItsSides() {
        BufferedImage page = OcrPages.flattened(inkOnTransparent(new Color(20, 20, 20)));

        BufferedImage turned = OcrPages.turned(page, 90);

        assertThat(turned.getWidth()).isEqualTo(page.getHeight());
        assertThat(turned.getHeight()).isEqualTo(page.getWidth());
        assertThat(grey(turned, 50, 100)).isLessThan(30);
    }

    private static BufferedImage inkOnTransparent(Color ink) {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(ink);
        g.fillRect(40, 40, 120, 20);
        g.dispose();
        return image;
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }
}
