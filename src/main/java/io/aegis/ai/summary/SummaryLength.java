package io.aegis.ai.summary;

import java.util.regex.Pattern;

/** Word counts that decide whether a text is long enough to summarise and whether a summary is shorter than its text. */
final class SummaryLength {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{Nd}]+");

    private SummaryLength() {
    }

    static int words(String text) {
        return text == null ? 0 : (int) WORD.matcher(text).results().count();
    }

    /** True when the summary keeps more than {@code maxShare} of the text's words: a copy, not a summary. */
    static boolean repeats(String summary, String text, double maxShare) {
        int textWords = words(text);
        return textWords == 0 || words(summary) > maxShare * textWords;
    }
}
