package io.aegis.media.image;

/**
 * One word tesseract read, with its confidence (0..100) and its box in the upright page's pixels. {@code line} orders
 * words: pass, then tesseract's block, paragraph and line, then {@code position} within the line.
 */
public record OcrWord(String text, double confidence, int left, int top, int width, int height, String line, int position) {

    /** True when the two boxes cover a good part of the smaller one: the same spot read twice. */
    boolean overlaps(OcrWord other) {
        int x = Math.max(0, Math.min(left + width, other.left + other.width) - Math.max(left, other.left));
        int y = Math.max(0, Math.min(top + height, other.top + other.height) - Math.max(top, other.top));
        long smaller = Math.min((long) width * height, (long) other.width * other.height);
        return smaller > 0 && (long) x * y * 2 >= smaller;
    }
}
