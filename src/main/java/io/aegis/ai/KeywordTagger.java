package io.aegis.ai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import opennlp.tools.stemmer.PorterStemmer;

/**
 * Offline keyword tags: the most frequent content words of a text, counted per Porter stem (so "boat" and
 * "boats" add up) after dropping the stop words in {@code keywords/stopwords-en.txt}. Each tag is the word's
 * most frequent spelling; ties go to the word seen first, so the same text always gives the same tags.
 * It finds what a text talks about most, not what it means. Thread-safe.
 */
public final class KeywordTagger {

    public static final String MODEL_NAME = "keywords-tf-v1";
    static final String STOPWORDS_RESOURCE = "/keywords/stopwords-en.txt";

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{Nd}'’-]*");
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s$");
    private static final int MIN_LETTERS = 3;

    private final Set<String> stopwords;

    public KeywordTagger() {
        this.stopwords = loadStopwords();
    }

    /** At most {@code max} tags, most frequent first; none for a blank text. */
    public List<String> tags(String text, int max) {
        if (text == null || text.isBlank() || max <= 0) {
            return List.of();
        }
        PorterStemmer stemmer = new PorterStemmer();
        Map<String, Term> terms = new LinkedHashMap<>();
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        int position = 0;
        while (words.find()) {
            String word = trim(words.group());
            if (isContentWord(word)) {
                int at = position++;
                terms.computeIfAbsent(stemmer.stem(word), stem -> new Term(at)).count(word);
            }
        }
        return terms.values().stream()
                .sorted(Comparator.comparingInt(Term::total).reversed().thenComparingInt(Term::firstSeen))
                .limit(max)
                .map(Term::spelling)
                .toList();
    }

    /** True when the word is a stop word (for callers filtering their own token lists). */
    public boolean isStopword(String word) {
        return stopwords.contains(word.toLowerCase(Locale.ROOT));
    }

    private boolean isContentWord(String word) {
        long letters = word.codePoints().filter(Character::isLetter).count();
        return letters >= MIN_LETTERS && !stopwords.contains(word);
    }

    private static String trim(String word) {
        String stripped = POSSESSIVE.matcher(word).replaceFirst("");
        int end = stripped.length();
        while (end > 0 && "'’-".indexOf(stripped.charAt(end - 1)) >= 0) {
            end--;
        }
        return stripped.substring(0, end);
    }

    private static Set<String> loadStopwords() {
        try (InputStream in = KeywordTagger.class.getResourceAsStream(STOPWORDS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("stop words not on classpath: " + STOPWORDS_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#"))
                    .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                    .filter(word -> !word.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STOPWORDS_RESOURCE, e);
        }
    }

    /** One stem's occurrences and the spellings it was written in. */
    private static final class Term {

        private final int firstSeen;
        private final Map<String, Integer> spellings = new HashMap<>();
        private final Map<String, Integer> firstSpelling = new HashMap<>();
        private int total;

        Term(int firstSeen) {
            this.firstSeen = firstSeen;
        }

        void count(String word) {
            firstSpelling.putIfAbsent(word, firstSpelling.size());
            spellings.merge(word, 1, Integer::sum);
            total++;
        }

        int total() {
            return total;
        }

        int firstSeen() {
            return firstSeen;
        }

        String spelling() {
            return spellings.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
                            .thenComparingInt(e -> firstSpelling.get(e.getKey())))
                    .findFirst().orElseThrow().getKey();
        }
    }
}
