package io.aegis.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextChunkerTest {

    @Test
    void everyChunkFitsTheBudgetAndNothingIsLostOrReordered() {
        String text = IntStream.range(0, 400)
                .mapToObj(i -> "Paragraph " + i + " says that the harbour fleet landed " + i + " boxes of cod today.")
                .collect(Collectors.joining("\n\n"));

        List<String> chunks = new TextChunker(300).chunks(text);

        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks).allSatisfy(chunk -> assertThat(TokenBudget.estimate(chunk)).isLessThanOrEqualTo(300));
        assertThat(String.join("\n\n", chunks)).isEqualTo(text);
    }

    @Test
    void aLongParagraphIsCutBetweenSentencesAndAHugeSentenceBetweenWords() {
        String sentence = "The council met again to discuss the new cold storage plant for the fleet.";
        String paragraph = (sentence + " ").repeat(100).strip();
        String runOn = "word ".repeat(2000).strip();

        List<String> chunks = new TextChunker(200).chunks(paragraph + "\n\n" + runOn);

        assertThat(chunks).allSatisfy(chunk -> assertThat(TokenBudget.estimate(chunk)).isLessThanOrEqualTo(200));
        assertThat(chunks.get(0)).startsWith("The council").endsWith("fleet.");
        assertThat(String.join(" ", chunks).split("\\s+")).hasSize(100 * 14 + 2000);
    }

    @Test
    void aBlobWithoutSpacesIsClippedNotLoopedOver() {
        List<String> chunks = new TextChunker(100).chunks("x".repeat(100_000));

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0)).hasSize(400);
    }

    @Test
    void shortTextIsOneChunkAndBlankTextNone() {
        assertThat(new TextChunker(3000).chunks("One short note.")).containsExactly("One short note.");
        assertThat(new TextChunker(3000).chunks("  \n\n ")).isEmpty();
    }
}
