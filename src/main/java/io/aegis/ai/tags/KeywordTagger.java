package io.aegis.ai.tags;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.aegis.text.EnglishWords;
import io.aegis.text.StopWords;
import io.aegis.text.WordShape;
import java.util.ArrayList;
import java.util.function.Predicate;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.stemmer.PorterStemmer;

/**
 * Offline keyword tags: the most frequent nouns and names of a text, counted per Porter stem (so "boat" and "boats"
 * add up) after dropping the {@link StopWords}. Only evidence counts: a word is a tag
 * candidate where OpenNLP's part-of-speech model (UD English) calls that occurrence a noun or proper noun, so verbs
 * and fillers ("leave", "run", "including") are not topics (text read in a picture has no grammar: there the
 * dictionary decides, {@link #tagsOfReadText}); in a text of {@value #MIN_REPEAT_WORDS} content words or
 * more a tag must occur at least twice (a one-off mention is not what the text is about). Text that was read rather
 * than typed (OCR) must also be made of dictionary words ({@link #tagsOfReadText}). Each tag is the word's most
 * frequent spelling; ties go to the word seen first, so the same text always gives the same tags. Thread-safe.
 */
public final class KeywordTagger {

    public static final String MODEL_NAME = "keywords-tf-v2";
    static final String POS_MODEL_RESOURCE = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    static final int MIN_REPEAT_WORDS = 150;
    // Tags are read from the text's beginning: enough to know its topics, and part-of-speech tagging stays bounded.
    static final int MAX_TAGGED_CHARS = 200_000;

    private static final Pattern TOKEN = Pattern.compile("\\p{L}[\\p{L}\\p{Nd}'’-]*|\\p{Nd}[\\p{L}\\p{Nd}.,]*|[.!?;:]");
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s$");
    private static final Set<String> NOUNS = Set.of("NOUN", "PROPN");
    private static final int MIN_LETTERS = 3;
    private static final int SENTENCE_TOKENS = 60;

    private final EnglishWords english;

    public KeywordTagger() {
        this(null);
    }

    /** @param english the dictionary {@link #tagsOfReadText} checks words against; null allows shape-checked words */
    public KeywordTagger(EnglishWords english) {
        this.english = english;
    }

    /** At most {@code max} tags of a typed text, most frequent first; none for a blank text. */
    public List<String> tags(String text, int max) {
        return tags(text, max, word -> true, true);
    }

    /**
     * Tags of text that was read in a picture (OCR): only words the dictionary knows, so a misreading never becomes a
     * tag. Signs, labels and captions have no grammar to tell nouns by, so every dictionary word may be one.
     */
    public List<String> tagsOfReadText(String text, int max) {
        if (english == null || !english.available()) {
            return tags(text, max, WordShape::isAlphabetic, false);
        }
        return tags(text, max, word -> WordShape.isAlphabetic(word) && english.isWord(word), false);
    }

    private List<String> tags(String text, int max, Predicate<String> known, boolean nounsOnly) {
        if (text == null || text.isBlank() || max <= 0) {
            return List.of();
        }
        String tagged = text.length() > MAX_TAGGED_CHARS ? text.substring(0, MAX_TAGGED_CHARS) : text;
        PorterStemmer stemmer = new PorterStemmer();
        Map<String, Term> terms = new LinkedHashMap<>();
        int position = 0;
        int contentWords = 0;
        for (List<String> sentence : sentences(tagged)) {
            String[] parts = nounsOnly ? PartsOfSpeech.tag(sentence) : null;
            for (int i = 0; i < sentence.size(); i++) {
                String original = trim(sentence.get(i));
                String word = original.toLowerCase(Locale.ROOT);
                if (!isContentWord(word)) {
                    continue;
                }
                contentWords++;
                if ((parts == null || NOUNS.contains(parts[i])) && known.test(original)) {
                    int at = position++;
                    terms.computeIfAbsent(stemmer.stem(word), stem -> new Term(at)).count(word);
                }
            }
        }
        int minCount = contentWords >= MIN_REPEAT_WORDS ? 2 : 1;
        return terms.values().stream()
                .filter(term -> term.total() >= minCount)
                .sorted(Comparator.comparingInt(Term::total).reversed().thenComparingInt(Term::firstSeen))
                .limit(max)
                .map(Term::spelling)
                .toList();
    }

    // Sentences for the tagger: cut at . ! ? ; : or every SENTENCE_TOKENS tokens (transcripts have no punctuation).
    private static List<List<String>> sentences(String text) {
        List<List<String>> sentences = new ArrayList<>();
        List<String> current = new ArrayList<>();
        Matcher tokens = TOKEN.matcher(text);
        while (tokens.find()) {
            String token = tokens.group();
            current.add(token);
            if (".!?;:".contains(token) || current.size() >= SENTENCE_TOKENS) {
                sentences.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            sentences.add(current);
        }
        return sentences;
    }

    /** True when the word is a stop word (for callers filtering their own token lists). */
    public boolean isStopword(String word) {
        return StopWords.contains(word.toLowerCase(Locale.ROOT));
    }

    private boolean isContentWord(String word) {
        long letters = word.codePoints().filter(Character::isLetter).count();
        return letters >= MIN_LETTERS && !StopWords.contains(word) && WordShape.isWordlike(word);
    }

    private static String trim(String word) {
        String stripped = POSSESSIVE.matcher(word).replaceFirst("");
        int end = stripped.length();
        while (end > 0 && "'’-".indexOf(stripped.charAt(end - 1)) >= 0) {
            end--;
        }
        return stripped.substring(0, end);
    }

    /** OpenNLP's English part-of-speech model, loaded once; a tagger per call (POSTaggerME is not thread-safe). */
    private static final class PartsOfSpeech {

        private static final POSModel MODEL = load();

        static String[] tag(List<String> tokens) {
            return new POSTaggerME(MODEL).tag(tokens.toArray(String[]::new));
        }

        private static POSModel load() {
            try (InputStream in = KeywordTagger.class.getResourceAsStream(POS_MODEL_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("part-of-speech model not on classpath: " + POS_MODEL_RESOURCE);
                }
                return new POSModel(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + POS_MODEL_RESOURCE, e);
            }
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
