package io.aegis.ai.image;

import java.util.List;

/**
 * Names an sRGB colour the way people do: the nearest of a few dozen named reference colours by CIEDE2000
 * distance in CIELAB, so light grey is grey (not white) and a dark blue is blue. Several references share
 * a name (grey covers dim grey to gainsboro), so a name spans the region people give it. Thread-safe.
 */
final class ColourNames {

    private record Reference(String name, double[] lab) {
    }

    private static final List<Reference> PALETTE = List.of(
            ref("black", 0x000000), ref("black", 0x1C1C1C),
            ref("grey", 0x555555), ref("grey", 0x808080), ref("grey", 0xA9A9A9), ref("grey", 0xC0C0C0), ref("grey", 0xDCDCDC),
            ref("white", 0xFFFFFF),
            ref("red", 0xFF0000), ref("red", 0xDC143C), ref("red", 0xB22222), ref("red", 0x8B0000), ref("red", 0xD62728),
            ref("pink", 0xFFC0CB), ref("pink", 0xFF69B4), ref("pink", 0xFF1493), ref("pink", 0xFF00FF),
            ref("orange", 0xFFA500), ref("orange", 0xFF8C00), ref("orange", 0xFF7F0E),
            ref("yellow", 0xFFFF00), ref("yellow", 0xFFD700), ref("yellow", 0xFFFFE0),
            ref("olive", 0x808000), ref("olive", 0x556B2F),
            ref("green", 0x008000), ref("green", 0x00FF00), ref("green", 0x228B22), ref("green", 0x90EE90),
            ref("green", 0x006400), ref("green", 0x2CA02C),
            ref("teal", 0x008080),
            ref("cyan", 0x00FFFF), ref("cyan", 0x40E0D0), ref("cyan", 0xE0FFFF),
            ref("blue", 0x0000FF), ref("blue", 0x4169E1), ref("blue", 0x4682B4), ref("blue", 0x87CEEB),
            ref("blue", 0x1F77B4), ref("blue", 0x000080), ref("blue", 0xADD8E6),
            ref("purple", 0x800080), ref("purple", 0x8A2BE2), ref("purple", 0x9370DB), ref("purple", 0xE6E6FA),
            ref("brown", 0x8B4513), ref("brown", 0xA52A2A), ref("brown", 0xD2691E), ref("brown", 0x5C4033),
            ref("beige", 0xF5F5DC), ref("beige", 0xD2B48C), ref("beige", 0xFAEBD7));

    // 5 bits per channel: neighbouring shades get one name, computed once.
    private static final String[] CACHE = new String[1 << 15];

    private ColourNames() {
    }

    /** The everyday name of an sRGB colour (0..255 per channel). */
    static String name(int r, int g, int b) {
        int key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
        String cached = CACHE[key];
        if (cached == null) {
            // The centre of the 8×8×8 cell, so every shade in it is named alike.
            cached = nearest(lab((r & 0xF8) | 4, (g & 0xF8) | 4, (b & 0xF8) | 4));
            CACHE[key] = cached;
        }
        return cached;
    }

    private static String nearest(double[] lab) {
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Reference reference : PALETTE) {
            double distance = deltaE2000(lab, reference.lab());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = reference.name();
            }
        }
        return best;
    }

    private static Reference ref(String name, int rgb) {
        return new Reference(name, lab((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF));
    }

    /** sRGB (D65) to CIELAB. */
    static double[] lab(int r, int g, int b) {
        double rl = linear(r);
        double gl = linear(g);
        double bl = linear(b);
        double x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047;
        double y = 0.2126729 * rl + 0.7151522 * gl + 0.0721750 * bl;
        double z = (0.0193339 * rl + 0.1191920 * gl + 0.9503041 * bl) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    /** CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation), kL = kC = kH = 1. */
    static double deltaE2000(double[] lab1, double[] lab2) {
        double c1 = Math.hypot(lab1[1], lab1[2]);
        double c2 = Math.hypot(lab2[1], lab2[2]);
        double cMean = (c1 + c2) / 2;
        double g = 0.5 * (1 - Math.sqrt(Math.pow(cMean, 7) / (Math.pow(cMean, 7) + Math.pow(25, 7))));
        double a1 = (1 + g) * lab1[1];
        double a2 = (1 + g) * lab2[1];
        double cp1 = Math.hypot(a1, lab1[2]);
        double cp2 = Math.hypot(a2, lab2[2]);
        double hp1 = hue(lab1[2], a1);
        double hp2 = hue(lab2[2], a2);

        double dL = lab2[0] - lab1[0];
        double dC = cp2 - cp1;
        double dh;
        if (cp1 * cp2 == 0) {
            dh = 0;
        } else if (Math.abs(hp2 - hp1) <= 180) {
            dh = hp2 - hp1;
        } else {
            dh = hp2 - hp1 > 180 ? hp2 - hp1 - 360 : hp2 - hp1 + 360;
        }
        double dH = 2 * Math.sqrt(cp1 * cp2) * Math.sin(Math.toRadians(dh / 2));

        double lMean = (lab1[0] + lab2[0]) / 2;
        double cpMean = (cp1 + cp2) / 2;
        double hpMean;
        if (cp1 * cp2 == 0) {
            hpMean = hp1 + hp2;
        } else if (Math.abs(hp1 - hp2) <= 180) {
            hpMean = (hp1 + hp2) / 2;
        } else {
            hpMean = hp1 + hp2 < 360 ? (hp1 + hp2 + 360) / 2 : (hp1 + hp2 - 360) / 2;
        }
        double t = 1 - 0.17 * Math.cos(Math.toRadians(hpMean - 30)) + 0.24 * Math.cos(Math.toRadians(2 * hpMean))
                + 0.32 * Math.cos(Math.toRadians(3 * hpMean + 6)) - 0.20 * Math.cos(Math.toRadians(4 * hpMean - 63));
        double dTheta = 30 * Math.exp(-Math.pow((hpMean - 275) / 25, 2));
        double rc = 2 * Math.sqrt(Math.pow(cpMean, 7) / (Math.pow(cpMean, 7) + Math.pow(25, 7)));
        double sl = 1 + 0.015 * Math.pow(lMean - 50, 2) / Math.sqrt(20 + Math.pow(lMean - 50, 2));
        double sc = 1 + 0.045 * cpMean;
        double sh = 1 + 0.015 * cpMean * t;
        double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;
        return Math.sqrt(Math.pow(dL / sl, 2) + Math.pow(dC / sc, 2) + Math.pow(dH / sh, 2) + rt * (dC / sc) * (dH / sh));
    }

    private static double hue(double b, double a) {
        if (a == 0 && b == 0) {
            return 0;
        }
        double h = Math.toDegrees(Math.atan2(b, a));
        return h < 0 ? h + 360 : h;
    }
}
