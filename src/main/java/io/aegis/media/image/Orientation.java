package io.aegis.media.image;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Turns stored pixels upright according to the EXIF orientation tag (1..8). */
final class Orientation {

    private Orientation() {
    }

    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** {@code image} must be of a standard type (INT_RGB, INT_ARGB...), as the result has the same type. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = swapsSides(orientation);
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, image.getType());
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, transform(orientation, w, h), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Maps stored (x, y) to displayed (x', y'); arguments are m00, m10, m01, m11, m02, m12. */
    private static AffineTransform transform(int orientation, int w, int h) {
        switch (orientation) {
            case 2: return new AffineTransform(-1, 0, 0, 1, w, 0);   // mirror left-right
            case 3: return new AffineTransform(-1, 0, 0, -1, w, h);  // rotate 180°
            case 4: return new AffineTransform(1, 0, 0, -1, 0, h);   // mirror top-bottom
            case 5: return new AffineTransform(0, 1, 1, 0, 0, 0);    // transpose
            case 6: return new AffineTransform(0, 1, -1, 0, h, 0);   // rotate 90° clockwise
            case 7: return new AffineTransform(0, -1, -1, 0, h, w);  // transverse
            case 8: return new AffineTransform(0, -1, 1, 0, 0, w);   // rotate 90° counter-clockwise
            default: return new AffineTransform();
        }
    }
}
