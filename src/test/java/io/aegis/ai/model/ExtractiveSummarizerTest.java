package io.aegis.ai.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.text.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ExtractiveSummarizerTest {

    private static final ExtractiveSummarizer SUMMARIZER = new ExtractiveSummarizer(Sentences.english());

    private static final String OFF_TOPIC_GARAGE = "My neighbour repainted his garage door bright orange last weekend.";
    private static final String OFF_TOPIC_FOOTBALL = "The football final was postponed because the stadium roof leaked.";

    private static final List<String> PHOTOSYNTHESIS = List.of(
            "Photosynthesis is the process by which plants convert light energy into chemical energy.",
            OFF_TOPIC_GARAGE,
            "During photosynthesis, plants absorb light with chlorophyll in their leaves.",
            "The light energy captured by chlorophyll splits water molecules and releases oxygen.",
            "Plants use the chemical energy from photosynthesis to build sugars from carbon dioxide.",
            "These sugars fuel plant growth and are stored as starch in roots and seeds.",
            "The leaves of most plants are broad and thin to capture as much light as possible.",
            "Chlorophyll reflects green light, which is why the leaves of plants look green.",
            "Without photosynthesis, the oxygen in the atmosphere would slowly disappear.",
            OFF_TOPIC_FOOTBALL,
            "Photosynthesis in algae and plants produces most of the oxygen that animals breathe.",
            "The rate of photosynthesis rises with light intensity and carbon dioxide concentration.",
            "Too much heat, however, damages the enzymes that plants need for photosynthesis.",
            "Farmers in greenhouses raise carbon dioxide levels to speed up photosynthesis in their plants.");

    @Test
    void picksVerbatimOnTopicSentencesInDocumentOrder() {
        String text = String.join(" ", PHOTOSYNTHESIS);

        List<String> summary = SUMMARIZER.summarize(text, 4);

        assertThat(summary).hasSize(4);
        assertThat(PHOTOSYNTHESIS).containsAll(summary);
        assertThat(summary).doesNotContain(OFF_TOPIC_GARAGE, OFF_TOPIC_FOOTBALL);
        assertThat(summary.stream().map(PHOTOSYNTHESIS::indexOf).toList()).isSorted();
        assertThat(String.join(" ", summary).length()).isLessThan(text.length());
    }

    @Test
    void neverPicksOffTopicSentencesEvenForALongerSummary() {
        List<String> summary = SUMMARIZER.summarize(String.join(" ", PHOTOSYNTHESIS), 10);

        assertThat(summary).hasSize(10).doesNotContain(OFF_TOPIC_GARAGE, OFF_TOPIC_FOOTBALL);
    }

    @Test
    void blankOrMissingTextGivesNothing() {
        assertThat(SUMMARIZER.summarize("", 3)).isEmpty();
        assertThat(SUMMARIZER.summarize("  \n\t ", 3)).isEmpty();
        assertThat(SUMMARIZER.summarize(null, 3)).isEmpty();
        assertThat(SUMMARIZER.summarize("   ")).isEmpty();
    }

    @Test
    void singleSentenceIsReturnedAsIs() {
        String sentence = "The deployment finished without errors.";

        assertThat(SUMMARIZER.summarize(sentence, 3)).containsExactly(sentence);
        assertThat(SUMMARIZER.summarize(sentence)).containsExactly(sentence);
    }

    @Test
    void asksForMoreSentencesThanExistReturnsAllInOrder() {
        String text = "Alpha systems were deployed first. Beta systems followed a week later. Gamma never shipped.";

        assertThat(SUMMARIZER.summarize(text, 10)).containsExactly(
                "Alpha systems were deployed first.", "Beta systems followed a week later.", "Gamma never shipped.");
    }

    @Test
    void zeroSentencesRequestedGivesNothing() {
        assertThat(SUMMARIZER.summarize(String.join(" ", PHOTOSYNTHESIS), 0)).isEmpty();
    }

    @Test
    void duplicateSentencesAppearOnce() {
        String repeated = "Plants turn light into chemical energy through photosynthesis.";
        String text = String.join(" ", repeated, repeated, PHOTOSYNTHESIS.get(2), repeated, PHOTOSYNTHESIS.get(4));

        List<String> summary = SUMMARIZER.summarize(text, 3);

        assertThat(summary).doesNotHaveDuplicates().hasSize(3).first().isEqualTo(repeated);
    }

    @Test
    void logLinesWithoutPunctuationAreTreatedAsSentences() {
        List<String> lines = List.of(
                "2024-05-01 10:00:01 INFO payment service started on port 8080",
                "2024-05-01 10:00:02 INFO payment service connected to database",
                "2024-05-01 10:00:09 WARN payment service database connection slow",
                "2024-05-01 10:01:15 ERROR payment service database connection lost",
                "2024-05-01 10:01:16 INFO scheduler heartbeat",
                "2024-05-01 10:01:20 ERROR payment service retry database connection failed");

        List<String> summary = SUMMARIZER.summarize(String.join("\n", lines), 2);

        assertThat(summary).hasSize(2);
        assertThat(lines).containsAll(summary);
    }

    @Test
    void giantLineWithoutPunctuationIsTruncatedNotDropped() {
        String text = IntStream.range(0, 100_000).mapToObj(i -> "token" + (i % 50)).collect(Collectors.joining(" "));

        List<String> summary = SUMMARIZER.summarize(text, 3);

        assertThat(summary).hasSize(1);
        assertThat(summary.get(0)).startsWith("token0 token1 token2").endsWith("…");
        assertThat(summary.get(0).length()).isLessThanOrEqualTo(ExtractiveSummarizer.MAX_SENTENCE_CHARS);
    }

    @Test
    void hardWrappedProseKeepsItsSentencesWhole() {
        String text = "Camel routes move messages\nbetween endpoints.\n\nRelease Notes\n\nEndpoints are addressed\nby URIs.";

        assertThat(SUMMARIZER.summarize(text, 5)).containsExactly(
                "Camel routes move messages between endpoints.", "Release Notes", "Endpoints are addressed by URIs.");
    }

    // Guards against a hang: OpenNLP alone is quadratic on long whitespace-free runs full of periods.
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void minifiedBlobFullOfPeriodsIsShortenedNotScannedForever() {
        String blob = "{\"v\":1.5,\"host\":\"a.b.c\"}".repeat(100_000);

        List<String> summary = SUMMARIZER.summarize(blob, 3);

        assertThat(summary).hasSize(1);
        assertThat(summary.get(0)).startsWith("{\"v\":1.5,").endsWith("…")
                .hasSizeLessThanOrEqualTo(ExtractiveSummarizer.MAX_TOKEN_CHARS + 1);
    }

    @Test
    void fiveMegabyteTextCompletesWithBoundedSummary() {
        String text = generatedText(5 * 1024 * 1024);

        List<String> summary = SUMMARIZER.summarize(text, 5);

        assertThat(summary).isNotEmpty().hasSizeLessThanOrEqualTo(5).doesNotHaveDuplicates();
        assertThat(summary).allSatisfy(sentence -> assertThat(text).contains(sentence));
    }

    @Test
    void suggestedCountIsAboutOneFifthBetweenOneAndFive() {
        assertThat(SUMMARIZER.suggestedSentenceCount(0)).isEqualTo(1);
        assertThat(SUMMARIZER.suggestedSentenceCount(3)).isEqualTo(1);
        assertThat(SUMMARIZER.suggestedSentenceCount(10)).isEqualTo(2);
        assertThat(SUMMARIZER.suggestedSentenceCount(14)).isEqualTo(3);
        assertThat(SUMMARIZER.suggestedSentenceCount(1_000)).isEqualTo(5);
    }

    @Test
    void summaryWithoutExplicitCountUsesSuggestedCount() {
        assertThat(SUMMARIZER.summarize(String.join(" ", PHOTOSYNTHESIS))).hasSize(3);
    }

    private static String generatedText(int minChars) {
        String[] subjects = {"The server", "A client", "The cache", "Our pipeline", "The scheduler", "A worker"};
        String[] verbs = {"processed", "rejected", "retried", "stored", "forwarded", "validated"};
        String[] objects = {"the order", "an invoice", "the payment", "a shipment", "the refund", "a report"};
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(minChars + 200);
        List<String> sentence = new ArrayList<>();
        while (text.length() < minChars) {
            sentence.clear();
            sentence.add(subjects[random.nextInt(subjects.length)]);
            sentence.add(verbs[random.nextInt(verbs.length)]);
            sentence.add(objects[random.nextInt(objects.length)]);
            sentence.add("number " + random.nextInt(1_000_000) + ".");
            text.append(String.join(" ", sentence)).append(random.nextInt(20) == 0 ? "\n\n" : " ");
        }
        return text.toString();
    }
}
