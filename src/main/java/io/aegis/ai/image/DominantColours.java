package io.aegis.ai.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The colours a picture is mostly made of, named the way people name them: every opaque pixel of a sample grid
 * gets the name of the nearest reference colour in CIELAB ({@link ColourNames}), so light grey is grey. Also measures whether the
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

    /** The everyday name of an sRGB colour: the nearest named colour by perceptual distance ({@link ColourNames}). */
    static String name(int r, int g, int b) {
        return ColourNames.name(r, g, b);
    }
}
