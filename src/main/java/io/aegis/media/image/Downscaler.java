package io.aegis.media.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Shrinks an image to a long side by repeated halving with bilinear filtering: each halving averages 2×2
 * pixels, so the result is nearly as smooth as area averaging at a fraction of its cost. Never upscales.
 */
final class Downscaler {

    private Downscaler() {
    }

    /**
     * @param type the BufferedImage type of the result (TYPE_INT_RGB or TYPE_INT_ARGB); the first step
     *             converts into it, so decoder-specific layouts never reach the slow Java2D paths twice
     */
    static BufferedImage toLongSide(BufferedImage image, int longSide, int type) {
        int[] target = targetSize(image.getWidth(), image.getHeight(), longSide);
        int targetW = target[0];
        int targetH = target[1];
        BufferedImage current = image;
        while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, type);
        }
        if (current.getWidth() != targetW || current.getHeight() != targetH || current.getType() != type) {
            current = draw(current, targetW, targetH, type);
        }
        return current;
    }

    /** Width and height of a {@code w}×{@code h} image shrunk to {@code longSide}, aspect kept; never larger than it was. */
    static int[] targetSize(int w, int h, int longSide) {
        double scale = Math.min(1.0, (double) longSide / Math.max(w, h));
        return new int[] {Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))};
    }

    private static BufferedImage draw(BufferedImage image, int width, int height, int type) {
        BufferedImage out = new BufferedImage(width, height, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
