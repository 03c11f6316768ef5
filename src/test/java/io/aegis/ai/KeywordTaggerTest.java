package io.aegis.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeywordTaggerTest {

    private final KeywordTagger tagger = new KeywordTagger();

    /** A document whose topic words recur among filler made of stop words and one-off words. */
    static String document(List<String> topic, int sentences, long seed) {
        List<String> filler = List.of("the", "and", "of", "which", "they", "would", "were", "because", "about", "there");
        List<String> rare = List.of("quietly", "window", "tuesday", "paper", "sudden", "orange", "ladder", "pencil");
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            List<String> words = new ArrayList<>();
            for (int w = 0; w < 12; w++) {
                int pick = random.nextInt(10);
                words.add(pick < 3 ? topic.get(random.nextInt(topic.size()))
                        : pick < 9 ? filler.get(random.nextInt(filler.size())) : rare.get(random.nextInt(rare.size())));
            }
            text.append(String.join(" ", words)).append(". ");
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
}
