package io.aegis.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PdfPageCleanerTest {

    @Test
    void runningHeadsFootersPageNumbersAndDotLeadersGoWhileTheTextStays() {
        List<String> pages = new ArrayList<>();
        pages.add("""
                Table of Contents
                1. Introduction . . . . . . . . . . . . . . 1
                2. How to use bzip2 . . . . . . . . . . . . 2
                2.1. NAME ........................ 2
                ii""");
        for (int page = 1; page <= 5; page++) {
            pages.add("""
                    How to use bzip2
                    Page %d of 5
                    bzip2 compresses files using the Burrows-Wheeler block sorting text compression algorithm, page %d.
                    Decompression is affected by the block size chosen at compres-
                    sion time.
                    Copyright 2019 Julian Seward · version %d
                    %d""".formatted(page, page, page, page));
        }

        List<String> cleaned = PdfPageCleaner.clean(pages);

        assertThat(cleaned).hasSize(6);
        assertThat(cleaned.get(0)).isEqualTo("Table of Contents");
        for (int page = 1; page <= 5; page++) {
            assertThat(cleaned.get(page))
                    .contains("bzip2 compresses files using the Burrows-Wheeler block sorting text compression algorithm, page " + page)
                    .contains("chosen at compression time.")
                    .doesNotContain("How to use bzip2", "Page " + page + " of 5", "Copyright 2019")
                    .doesNotEndWith(String.valueOf(page));
        }
    }

    @Test
    void theWrappedEndOfASentenceAtAPagesFootIsTextNotAFooter() {
        List<String> pages = new ArrayList<>();
        for (String boat : List.of("Kystvakt", "Sjøstjerna", "Nordlys", "Fjordbris", "Havbris")) {
            pages.add("The " + boat + " landed its catch at dawn.\nThe crew sorted the fish on the quay.\n"
                    + "The skipper of the " + boat + " said the plant would hold the catch until prices\nrecover.");
        }

        assertThat(PdfPageCleaner.clean(pages)).allSatisfy(page -> assertThat(page).endsWith("until prices\nrecover."));
    }

    @Test
    void aShortDocumentKeepsItsRepeatedLinesButStillLosesPageNumbers() {
        List<String> cleaned = PdfPageCleaner.clean(List.of("Harbour report\nThe fleet landed cod.\n1", "Harbour report\nFuel prices rose.\n2"));

        assertThat(cleaned).containsExactly("Harbour report\nThe fleet landed cod.", "Harbour report\nFuel prices rose.");
    }

    @Test
    void plainTextLosesDotLeaderLinesOnly() {
        String text = "Contents\nIntroduction ........ 3\nThe end... of the story.\n1. First step . . . . . iv\nDone.";

        assertThat(new PlainTextNormaliser().normalise(text)).isEqualTo("Contents\nThe end... of the story.\nDone.");
    }
}
