package io.aegis.ai;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The colours a picture is mostly made of, named the way people name them: every opaque pixel of a sample grid
 * is binned by hue, saturation and brightness into one of a dozen colour names. Also measures whether the
 * picture is made of a few flat colours (a graphic) rather than continuous tones.
 */
final class DominantColours {

    /** A colour name and the share of opaque pixels it covers, 0..1. */
    record Share(String name, double share) {
    }

    /** The result for one picture. {@code transparentShare} is the share of pixels mostly transparent. */
    record Palette(List<Share> shares, double transparentShare, boolean flatColours) {

        List<Share> atLeast(double minShare, int max) {
            return shares.stream().filter(s -> s.share() >= minShare).limit(max).toList();
        }
    }

    private static final int SAMPLE_GRID = 128;
    // 4 bits per channel: JPEG noise on a flat area stays within one bin.
    private static final int FLAT_BINS = 6;
    private static final double FLAT_COVERAGE = 0.95;

    private DominantColours() {
    }

    static Palette of(BufferedImage image) {
        int step = Math.max(1, Math.max(image.getWidth(), image.getHeight()) / SAMPLE_GRID);
        Map<String, Integer> counts = new LinkedHashMap<>();
        int[] bins = new int[4096];
        int opaque = 0;
        int transparent = 0;
        for (int y = 0; y < image.getHeight(); y += step) {
            for (int x = 0; x < image.getWidth(); x += step) {
                int argb = image.getRGB(x, y);
                if ((argb >>> 24) < 128) {
                    transparent++;
                    continue;
                }
                opaque++;
                counts.merge(name((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF), 1, Integer::sum);
                bins[((argb >> 12) & 0xF00) | ((argb >> 8) & 0xF0) | ((argb >> 4) & 0xF)]++;
            }
        }
        int total = opaque;
        List<Share> shares = new ArrayList<>();
        counts.forEach((name, count) -> shares.add(new Share(name, (double) count / total)));
        shares.sort(Comparator.comparingDouble(Share::share).reversed());
        double transparentShare = (double) transparent / Math.max(1, opaque + transparent);
        return new Palette(List.copyOf(shares), transparentShare, opaque > 0 && flat(bins, opaque));
    }

    private static boolean flat(int[] bins, int opaque) {
        int[] sorted = bins.clone();
        Arrays.sort(sorted);
        long top = 0;
        for (int i = 0; i < FLAT_BINS; i++) {
            top += sorted[sorted.length - 1 - i];
        }
        return top >= FLAT_COVERAGE * opaque;
    }

    /** The everyday name of an sRGB colour. */
    static String name(int r, int g, int b) {
        float[] hsb = Color.RGBtoHSB(r, g, b, null);
        float hue = hsb[0] * 360;
        float saturation = hsb[1];
        float brightness = hsb[2];
        if (brightness < 0.18f) {
            return "black";
        }
        if (saturation < 0.15f) {
            return brightness > 0.85f ? "white" : "grey";
        }
        if (hue < 15 || hue >= 345) {
            return saturation < 0.5f && brightness > 0.7f ? "pink" : brightness < 0.45f ? "brown" : "red";
        }
        if (hue < 40) {
            return brightness < 0.6f ? "brown" : saturation < 0.4f ? "beige" : "orange";
        }
        if (hue < 70) {
            return brightness < 0.5f ? "olive" : "yellow";
        }
        if (hue < 165) {
            return "green";
        }
        if (hue < 195) {
            return brightness < 0.6f ? "teal" : "cyan";
        }
        if (hue < 255) {
            return "blue";
        }
        if (hue < 290) {
            return "purple";
        }
        return "pink";
    }
}
