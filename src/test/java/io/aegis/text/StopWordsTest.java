package io.aegis.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopWordsTest {

    @Test
    void functionWordsFillersAndLinkWordsAreStopWordsTopicsAreNot() {
        assertThat(StopWords.contains("the")).isTrue();
        assertThat(StopWords.contains("however")).isTrue(); // must not tie two sentences together in a summary
        assertThat(StopWords.contains("um")).isTrue();      // a filler of speech, never a tag
        assertThat(StopWords.contains("harbour")).isFalse();
        assertThat(StopWords.contains("invoice")).isFalse();
    }

    @Test
    void theCommentLinesAreNotWords() {
        assertThat(StopWords.contains("#")).isFalse();
        assertThat(StopWords.contains("English")).isFalse();
    }
}
