package io.aegis.ai.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeywordTaggerTest {

    private final KeywordTagger tagger = new KeywordTagger();

    /**
     * A document whose topic words recur as nouns ("the harbour") in sentences of stop words and one-off words. Real
     * sentences, not word salad: tags are nouns, and a part-of-speech model needs grammar to tell them.
     */
    static String document(List<String> topic, int sentences, long seed) {
        List<String> frames = List.of("The %s was near the %s because of the %s.", "They said that the %s and the %s were about the %s.",
                "There was a %s which the %s would have seen before the %s.", "Because of the %s, the %s was there with the %s.");
        List<String> rare = List.of("window", "tuesday", "paper", "ladder", "pencil", "garden", "bicycle", "kettle");
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            String frame = frames.get(random.nextInt(frames.size()));
            text.append(frame.formatted(topic.get(random.nextInt(topic.size())), topic.get(random.nextInt(topic.size())),
                    rare.get(random.nextInt(rare.size())))).append(' ');
        }
        return text.toString();
    }

    @Test
    void tagsOfAGeneratedDocumentAreItsDominantTermsAndNoStopWords() {
        List<String> topic = List.of("harbour", "fishermen", "cod", "trawler");
        List<String> tags = tagger.tags(document(topic, 40, 7), 4);

        assertThat(tags).containsExactlyInAnyOrderElementsOf(topic);
        assertThat(tagger.tags(document(topic, 40, 7), 20)).noneMatch(tagger::isStopword);
    }

    @Test
    void inflectionsCountTogetherAndTheCommonestSpellingWins() {
        String text = "Boats left early. The boat returned. More boats came; boats everywhere. A lighthouse stood near the old lighthouse.";

        assertThat(tagger.tags(text, 2)).containsExactly("boats", "lighthouse");
    }

    @Test
    void sameTextSameTagsAndTiesGoToTheFirstWord() {
        String text = "Zebra giraffe elephant. Elephant zebra giraffe.";

        assertThat(tagger.tags(text, 3)).containsExactly("zebra", "giraffe", "elephant");
        assertThat(tagger.tags(text, 3)).isEqualTo(tagger.tags(text, 3));
    }

    @Test
    void blankOrStopWordOnlyTextHasNoTags() {
        assertThat(tagger.tags("", 5)).isEmpty();
        assertThat(tagger.tags(null, 5)).isEmpty();
        assertThat(tagger.tags("and the of it was they would", 5)).isEmpty();
        assertThat(tagger.tags("um yeah so like, okay", 5)).isEmpty();
    }

    @Test
    void verbsAndFillersAreNotTopicsNounsAre() {
        String text = "Leave the dough to rise overnight. Bake the dough in a hot pot and leave it to cool. "
                + "Cover the dough while you leave the kitchen.";

        assertThat(tagger.tags(text, 10)).contains("dough", "pot", "kitchen").doesNotContain("leave", "bake", "cover");
    }

    @Test
    void inALongTextAOneOffMentionIsNotATag() {
        String text = "The harbour ledger lists every vessel in the harbour. ".repeat(40) + "A lighthouse stood nearby.";

        assertThat(tagger.tags(text, 10)).contains("harbour", "ledger", "vessel").doesNotContain("lighthouse");
        // A sign or a caption is short: every noun it has may be a tag.
        assertThat(tagger.tags("The market in the harbour is open today.", 10)).contains("harbour", "market");
    }

    @Test
    void textReadByOcrGivesOnlyDictionaryWordsAsTags() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/usr/share/hunspell/en_GB.dic"))
                || System.getenv("CI") != null, "Debian's hunspell-en-gb is not installed (make test installs it)");
        KeywordTagger reading = new KeywordTagger(new io.aegis.text.EnglishWords(io.aegis.text.WordsTest.DEBIAN));
        String ocr = "Monthly rainfall in Bergen\nbulpoous buijs qooosz yunyo\nthe rainfall of the month";

        assertThat(reading.tagsOfReadText(ocr, 10)).contains("rainfall").doesNotContain("bulpoous", "buijs", "qooosz", "yunyo");
    }
}
