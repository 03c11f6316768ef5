package io.aegis.text;

import java.util.regex.Pattern;

/**
 * Plain text as it is, less what only lays out a page: table-of-contents lines with dot leaders ("Introduction . . . 1")
 * and words hyphenated across a line break ("compres-\nsion"). Also the fallback for any type no normaliser claims.
 */
public class PlainTextNormaliser implements TextNormaliser {

    static final Pattern DOT_LEADER_LINE = Pattern.compile("(?m)^.*(?:\\.\\s?){4,}\\s*[\\divxlcIVXLC]*\\s*$\\R?");
    private static final Pattern BROKEN_WORD = Pattern.compile("(\\p{Ll})-\\R(\\p{Ll})");
    private static final Pattern BLANK_LINES = Pattern.compile("\\R{3,}");

    @Override
    public boolean handles(String mimeType, String filename, String text) {
        return mimeType == null || mimeType.startsWith("text/plain");
    }

    @Override
    public String normalise(String text) {
        String cleaned = DOT_LEADER_LINE.matcher(text).replaceAll("");
        cleaned = BROKEN_WORD.matcher(cleaned).replaceAll("$1$2");
        return BLANK_LINES.matcher(cleaned).replaceAll("\n\n").strip();
    }
}
