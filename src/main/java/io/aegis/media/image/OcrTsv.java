package io.aegis.media.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads tesseract's TSV output (one row per layout element; level 5 rows are words, with {@code conf} 0..100) and maps
 * each word's box from the page as it was turned for the pass back onto the upright page.
 */
final class OcrTsv {

    private static final int WORD_LEVEL = 5;
    private static final int COLUMNS = 12;

    private OcrTsv() {
    }

    /**
     * @param turned clockwise quarter-turn of the image tesseract read, relative to the upright page (0, 90, 180, 270)
     * @param width  the upright page's width in pixels
     * @param height the upright page's height in pixels
     */
    static List<OcrWord> words(String tsv, int turned, int width, int height) {
        List<OcrWord> words = new ArrayList<>();
        for (String row : tsv.split("\\R")) {
            String[] cells = row.split("\t", -1);
            if (cells.length < COLUMNS || !cells[0].equals(String.valueOf(WORD_LEVEL))) {
                continue;
            }
            String text = cells[11].strip();
            double confidence;
            int[] box = new int[4];
            try {
                confidence = Double.parseDouble(cells[10]);
                for (int i = 0; i < 4; i++) {
                    box[i] = Integer.parseInt(cells[6 + i]);
                }
            } catch (NumberFormatException e) {
                continue; // the header row, or a row tesseract wrote half of
            }
            if (text.isEmpty() || confidence < 0) {
                continue;
            }
            int[] upright = upright(box, turned, width, height);
            String line = turned + "/" + cells[2] + "/" + cells[3] + "/" + cells[4];
            words.add(new OcrWord(text, confidence, upright[0], upright[1], upright[2], upright[3], line, Integer.parseInt(cells[5])));
        }
        return words;
    }

    /** A box (left, top, width, height) in an image turned {@code turned}° clockwise, back in upright coordinates. */
    static int[] upright(int[] box, int turned, int width, int height) {
        int x = box[0];
        int y = box[1];
        int w = box[2];
        int h = box[3];
        return switch (turned) {
            case 90 -> new int[] {y, height - (x + w), h, w};
            case 180 -> new int[] {width - (x + w), height - (y + h), w, h};
            case 270 -> new int[] {width - (y + h), x, h, w};
            default -> box.clone();
        };
    }
}
