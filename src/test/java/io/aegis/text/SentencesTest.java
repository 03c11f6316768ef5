package io.aegis.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    private static final Sentences SENTENCES = Sentences.english();

    @Test
    void cutsAtSentenceEndsButNotAfterAbbreviationsOrInsideNumbers() {
        assertThat(SENTENCES.split("Dr. Smith paid $4.50 for the report. It arrived on Monday! Was it late?"))
                .containsExactly("Dr. Smith paid $4.50 for the report.", "It arrived on Monday!", "Was it late?");
    }

    @Test
    void theProcessHasOneSentenceModelOnItsClasspath() {
        // LangChain4j's copy is the one in use; the separate 1.3 model jar is gone, so nothing can load it by mistake.
        assertThat(Sentences.class.getResource(Sentences.MODEL_RESOURCE)).isNotNull();
        assertThat(Sentences.class.getResource("/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin")).isNull();
    }
}
