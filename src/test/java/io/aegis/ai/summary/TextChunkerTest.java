package io.aegis.ai.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.ai.model.TokenBudget;
import io.aegis.text.Sentences;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextChunkerTest {

    private static final Sentences SENTENCES = Sentences.english();

    // ofTokens: model-sized chunks for the summary's map-reduce.

    @Test
    void everyChunkFitsTheBudgetAndNothingIsLostOrReordered() {
        String text = IntStream.range(0, 400)
                .mapToObj(i -> "Paragraph " + i + " says that the harbour fleet landed " + i + " boxes of cod today.")
                .collect(Collectors.joining("\n\n"));

        List<String> chunks = TextChunker.ofTokens(300, SENTENCES).chunks(text);

        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks).allSatisfy(chunk -> assertThat(TokenBudget.estimate(chunk)).isLessThanOrEqualTo(300));
        assertThat(String.join("\n\n", chunks)).isEqualTo(text);
    }

    @Test
    void aLongParagraphIsCutBetweenSentencesAndAHugeSentenceBetweenWords() {
        String sentence = "The council met again to discuss the new cold storage plant for the fleet.";
        String paragraph = (sentence + " ").repeat(100).strip();
        String runOn = "word ".repeat(2000).strip();

        List<String> chunks = TextChunker.ofTokens(200, SENTENCES).chunks(paragraph + "\n\n" + runOn);

        assertThat(chunks).allSatisfy(chunk -> assertThat(TokenBudget.estimate(chunk)).isLessThanOrEqualTo(200));
        assertThat(chunks.get(0)).startsWith("The council").endsWith("fleet.");
        assertThat(chunks).filteredOn(chunk -> chunk.startsWith("The council")).allSatisfy(chunk ->
                assertThat(chunk).endsWith("fleet."));
        assertThat(String.join(" ", chunks).split("\\s+")).hasSize(100 * 14 + 2000);
    }

    @Test
    void aBlobWithoutSpacesIsClippedNotLoopedOver() {
        List<String> chunks = TextChunker.ofTokens(100, SENTENCES).chunks("x".repeat(100_000));

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0)).hasSize(400);
    }

    @Test
    void shortTextIsOneChunkAndBlankTextNone() {
        assertThat(TextChunker.ofTokens(3000, SENTENCES).chunks("One short note.")).containsExactly("One short note.");
        assertThat(TextChunker.ofTokens(3000, SENTENCES).chunks("  \n\n ")).isEmpty();
    }

    // ofWords: passages for search.

    @Test
    void aShortTextIsOneChunkWithItsWhitespaceCollapsed() {
        assertThat(TextChunker.ofWords(250, SENTENCES).chunks("  Invoices are due\n in thirty days.   Pay by transfer. "))
                .containsExactly("Invoices are due in thirty days. Pay by transfer.");
    }

    @Test
    void blankOrMissingTextGivesNoChunks() {
        assertThat(TextChunker.ofWords(250, SENTENCES).chunks(null)).isEmpty();
        assertThat(TextChunker.ofWords(250, SENTENCES).chunks(" \n\t ")).isEmpty();
    }

    @Test
    void chunksEndBetweenSentencesAndHoldAtMostTheLimit() {
        // Twelve sentences of five words: with a limit of 12 words, two sentences fit in a chunk, never three.
        String text = IntStream.range(0, 12).mapToObj(i -> "Sentence number " + i + " ends here.")
                .collect(Collectors.joining(" "));
        List<String> chunks = TextChunker.ofWords(12, SENTENCES).chunks(text);

        assertThat(chunks).hasSize(6);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(words(chunk)).isLessThanOrEqualTo(12);
            assertThat(chunk).startsWith("Sentence").endsWith("here.");
        });
        assertThat(String.join(" ", chunks)).isEqualTo(text);
    }

    @Test
    void aSentenceLongerThanAChunkIsCutBetweenWordsAndTheNextSentenceStartsAfresh() {
        String text = IntStream.range(0, 25).mapToObj(i -> "w" + i).collect(Collectors.joining(" ")) + ". Short one.";
        List<String> chunks = TextChunker.ofWords(10, SENTENCES).chunks(text);

        assertThat(chunks).extracting(TextChunkerTest::words).containsExactly(10, 10, 5, 2);
        assertThat(chunks.get(2)).isEqualTo("w20 w21 w22 w23 w24.");
        assertThat(chunks.get(3)).isEqualTo("Short one.");
    }

    @Test
    void linesWithoutPunctuationAreCutBetween() {
        List<String> chunks = TextChunker.ofWords(4, SENTENCES).chunks("alpha beta gamma\ndelta epsilon\nzeta eta theta");

        assertThat(chunks).containsExactly("alpha beta gamma", "delta epsilon", "zeta eta theta");
    }

    @Test
    void theSameTextAlwaysGivesTheSameChunks() {
        String text = "One. Two three four. Five six! Seven? " + "word ".repeat(700);
        assertThat(TextChunker.ofWords(250, SENTENCES).chunks(text)).isEqualTo(TextChunker.ofWords(250, SENTENCES).chunks(text));
    }

    @Test
    void aChunkMustHoldAWord() {
        assertThatThrownBy(() -> TextChunker.ofWords(0, SENTENCES)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int words(String chunk) {
        return (int) Arrays.stream(chunk.split(" ")).filter(w -> !w.isEmpty()).count();
    }
}
