package io.aegis.media.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading TSV, mapping turned passes back onto the page, and which readings survive. */
class OcrScanTest {

    static final String HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

    static String row(int block, int line, int word, int left, int top, int width, int height, double conf, String text) {
        return "5\t1\t" + block + "\t1\t" + line + "\t" + word + "\t" + left + "\t" + top + "\t" + width + "\t" + height + "\t" + conf + "\t" + text;
    }

    @Test
    void wordRowsAreReadWithTheirConfidenceAndOtherRowsAreSkipped() {
        String tsv = String.join("\n", HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t", "4\t1\t1\t1\t1\t0\t10\t10\t300\t40\t-1\t",
                row(1, 1, 1, 10, 10, 120, 40, 96.5, "Monthly"), row(1, 1, 2, 140, 10, 110, 40, 95.0, "rainfall"),
                row(1, 1, 3, 260, 10, 20, 40, 12.0, "  "), "5\t1\t1\t1\t1\t4\tbroken");

        List<OcrWord> words = OcrTsv.words(tsv, 0, 800, 600);

        assertThat(words).extracting(OcrWord::text).containsExactly("Monthly", "rainfall");
        assertThat(words.get(0).confidence()).isEqualTo(96.5);
        assertThat(words.get(0).left()).isEqualTo(10);
    }

    @Test
    void boxesFromATurnedPassLandWhereTheWordIsOnTheUprightPage() {
        // Upright page 800 × 600; a word at (50, 100) 200 × 30 on it.
        int[] upright = {50, 100, 200, 30};
        // Turned 90° clockwise the page is 600 × 800 and the word stands at (600 - 100 - 30, 50) 30 × 200.
        assertThat(OcrTsv.upright(new int[] {470, 50, 30, 200}, 90, 800, 600)).containsExactly(upright);
        // Turned 270° clockwise the word stands at (100, 800 - 50 - 200) 30 × 200.
        assertThat(OcrTsv.upright(new int[] {100, 550, 30, 200}, 270, 800, 600)).containsExactly(upright);
        assertThat(OcrTsv.upright(new int[] {550, 470, 200, 30}, 180, 800, 600)).containsExactly(upright);
    }

    @Test
    void whereTwoPassesReadTheSameSpotTheMoreConfidentReadingWins() {
        OcrScan scan = new OcrScan(Path.of("page.bmp"), 800, 600);
        scan.orient(0);
        // Upright pass: the title, and a vertical label read as upside-down gibberish.
        scan.read(List.of(new OcrWord("Rainfall", 96, 100, 10, 150, 40, "0/1/1/1", 1),
                new OcrWord("ysnbny", 70, 10, 200, 30, 120, "0/2/1/1", 1),
                new OcrWord("|", 50, 50, 300, 5, 5, "0/3/1/1", 1)), 4, 4, 3);
        assertThat(scan.hasNextPass()).as("many unread marks: read again turned").isTrue();
        // The pass turned 90° reads the label as a word, at the same spot; and the title upside down, confidently.
        scan.read(List.of(new OcrWord("August", 95, 12, 205, 28, 110, "90/1/1/1", 1),
                new OcrWord("llafniaR", 40, 100, 10, 150, 40, "90/2/1/1", 1),
                new OcrWord("pue", 93, 102, 12, 146, 38, "90/3/1/1", 1)), 1, 3, 3);
        scan.read(List.of(), 0, 0, 3);
        assertThat(scan.hasNextPass()).isFalse();

        // "pue" passes the word test here: only its spot, already read more confidently upright, keeps it out.
        String text = scan.text(word -> word.confidence() >= 60 && !word.text().equals("ysnbny") && !word.text().equals("|"));

        assertThat(text).isEqualTo("Rainfall\n\nAugust");
        assertThat(scan.passes()).isEqualTo(3);
    }

    @Test
    void aPassThatReadItsMarksDoesNotTriggerRereading() {
        OcrScan scan = new OcrScan(Path.of("page.bmp"), 800, 600);
        scan.orient(270);
        assertThat(scan.nextTurn()).isEqualTo(270);
        // 400 words with 5 unsure ones is an ordinary page, not unread text.
        scan.read(List.of(), 5, 400, 3);

        assertThat(scan.hasNextPass()).isFalse();
    }
}
