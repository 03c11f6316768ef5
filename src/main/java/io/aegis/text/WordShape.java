package io.aegis.text;

import java.util.regex.Pattern;

/**
 * Whether a token has the shape of something a person writes: a word (lower case, capitalised or all capitals,
 * with inner apostrophes or hyphens), a number (1,234.56 · 12:30 · 2024-09-03 · 15 %), or a code that mixes letters
 * and digits (INV-2024-0042, bzip2). OCR misreadings of rotated or damaged text fail it: "SUONesedo", "a}eJ", "|/eJUleY".
 * Surrounding punctuation ("fleet," "(2024)") is ignored. Thread-safe.
 */
public final class WordShape {

    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Pi}\\p{Ps}\"'“‘(\\[{<€$£¥]+|[\\p{Pf}\\p{Pe}\"'”’)\\]}>.,;:!?%]+$");
    private static final Pattern WORD = Pattern.compile("(\\p{Ll}+|\\p{Lu}\\p{Ll}*|\\p{Lu}+)(['’-](\\p{Ll}+|\\p{Lu}\\p{Ll}*|\\p{Lu}+))*(['’]s)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\p{Nd}+([.,:/-]\\p{Nd}+)*");
    private static final Pattern CODE = Pattern.compile("(?=.*\\p{L})(?=.*\\p{Nd})[\\p{L}\\p{Nd}]+([-_./][\\p{L}\\p{Nd}]+)*");

    private WordShape() {
    }

    /** The token without the punctuation around it. */
    public static String core(String token) {
        String stripped = token.strip();
        String previous;
        do {
            previous = stripped;
            stripped = EDGE_PUNCTUATION.matcher(stripped).replaceAll("");
        } while (!stripped.equals(previous) && !stripped.isEmpty());
        return stripped;
    }

    public static boolean isWordlike(String token) {
        String core = core(token);
        if (core.isEmpty() || core.length() > 40) {
            return false;
        }
        return WORD.matcher(core).matches() || NUMBER.matcher(core).matches() || CODE.matcher(core).matches();
    }

    /** Letters only (a word, not a number or a code): the tokens a dictionary can judge. */
    public static boolean isAlphabetic(String token) {
        return WORD.matcher(core(token)).matches();
    }
}
