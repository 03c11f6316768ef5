package io.aegis.ai.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextChunkerTest {

    @Test
    void aShortTextIsOneChunkWithItsWhitespaceCollapsed() {
        assertThat(new TextChunker(250).chunks("  Invoices are due\n in thirty days.   Pay by transfer. "))
                .containsExactly("Invoices are due in thirty days. Pay by transfer.");
    }

    @Test
    void blankOrMissingTextGivesNoChunks() {
        assertThat(new TextChunker(250).chunks(null)).isEmpty();
        assertThat(new TextChunker(250).chunks(" \n\t ")).isEmpty();
    }

    @Test
    void chunksEndBetweenSentencesAndHoldAtMostTheLimit() {
        // Twelve sentences of five words: with a limit of 12 words, two sentences fit in a chunk, never three.
        String text = IntStream.range(0, 12).mapToObj(i -> "Sentence number " + i + " ends here.")
                .collect(Collectors.joining(" "));
        List<String> chunks = new TextChunker(12).chunks(text);

        assertThat(chunks).hasSize(6);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(words(chunk)).isLessThanOrEqualTo(12);
            assertThat(chunk).startsWith("Sentence").endsWith("here.");
        });
        assertThat(String.join(" ", chunks)).isEqualTo(text);
    }

    @Test
    void aSentenceLongerThanAChunkIsCutBetweenWords() {
        String text = IntStream.range(0, 25).mapToObj(i -> "w" + i).collect(Collectors.joining(" ")) + ". Short one.";
        List<String> chunks = new TextChunker(10).chunks(text);

        assertThat(chunks).extracting(TextChunkerTest::words).containsExactly(10, 10, 7);
        assertThat(chunks.get(2)).isEqualTo("w20 w21 w22 w23 w24. Short one.");
    }

    @Test
    void linesWithoutPunctuationAreSentencesToo() {
        List<String> chunks = new TextChunker(4).chunks("alpha beta gamma\ndelta epsilon\nzeta eta theta");

        assertThat(chunks).containsExactly("alpha beta gamma", "delta epsilon", "zeta eta theta");
    }

    @Test
    void theSameTextAlwaysGivesTheSameChunks() {
        String text = "One. Two three four. Five six! Seven? " + "word ".repeat(700);
        assertThat(new TextChunker(250).chunks(text)).isEqualTo(new TextChunker(250).chunks(text));
    }

    @Test
    void aChunkMustHoldAWord() {
        assertThatThrownBy(() -> new TextChunker(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int words(String chunk) {
        return (int) Arrays.stream(chunk.split(" ")).filter(w -> !w.isEmpty()).count();
    }
}
