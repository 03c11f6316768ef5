package io.aegis.ai.model;

import io.aegis.text.Sentences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.aegis.text.StopWords;
import opennlp.tools.stemmer.PorterStemmer;

/**
 * Extractive summarizer: picks the most central sentences of a text with TextRank over TF-IDF
 * cosine similarity and returns them verbatim, in document order. Thread-safe.
 */
public final class ExtractiveSummarizer {

    static final int MAX_SENTENCE_CHARS = 400;
    static final int MAX_CANDIDATES = 1500;
    static final int MAX_TOKEN_CHARS = 100;
    static final int MIN_STATEMENT_WORDS = 5;

    private static final double DAMPING = 0.85;
    private static final int MAX_ITERATIONS = 50;
    private static final double CONVERGENCE_THRESHOLD = 1e-6;
    private static final double SUMMARY_RATIO = 0.2;
    private static final int MAX_SUGGESTED_SENTENCES = 5;

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final Pattern OVERLONG_TOKEN = Pattern.compile("\\S{" + (MAX_TOKEN_CHARS + 1) + ",}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
    private static final Pattern DIGITS = Pattern.compile("\\p{Nd}+");
    private static final Pattern TERMINAL_PUNCTUATION = Pattern.compile(".*[.!?…][\"'’”)\\]]*$", Pattern.DOTALL);

    private final Sentences sentences;

    public ExtractiveSummarizer(Sentences sentences) {
        this.sentences = sentences;
    }

    /** Summarizes to {@link #suggestedSentenceCount(int)} sentences of the text. */
    public List<String> summarize(String text) {
        List<String> sentences = uniqueSentences(text);
        int count = suggestedSentenceCount(sentences.size());
        return selectCentral(statements(sentences, count), count);
    }

    /** Returns at most {@code maxSentences} of the most central sentences, in original document order. */
    public List<String> summarize(String text, int maxSentences) {
        return selectCentral(statements(uniqueSentences(text), maxSentences), maxSentences);
    }

    // Headings, labels and list stubs ("Pull Requests", "Workflow") say little on their own: full sentences first,
    // when there are enough of them.
    private static List<String> statements(List<String> sentences, int wanted) {
        List<String> full = sentences.stream().filter(s -> WHITESPACE.split(s).length >= MIN_STATEMENT_WORDS).toList();
        return full.size() >= wanted ? full : sentences;
    }

    /** About 20 % of the sentences, clamped to [1, 5]. */
    public int suggestedSentenceCount(int totalSentences) {
        int suggested = (int) Math.round(totalSentences * SUMMARY_RATIO);
        return Math.max(1, Math.min(MAX_SUGGESTED_SENTENCES, suggested));
    }

    private List<String> selectCentral(List<String> sentences, int maxSentences) {
        if (maxSentences <= 0 || sentences.isEmpty()) {
            return List.of();
        }
        if (sentences.size() <= maxSentences) {
            return sentences;
        }
        List<Sentence> candidates = TermIndex.index(sentences).candidates(MAX_CANDIDATES);
        double[] scores = TextRank.scores(candidates);
        return topInDocumentOrder(candidates, scores, maxSentences);
    }

    private static List<String> topInDocumentOrder(List<Sentence> candidates, double[] scores, int count) {
        Integer[] order = new Integer[candidates.size()];
        Arrays.setAll(order, i -> i);
        // Ties go to the earlier sentence, so a text without shared vocabulary yields its opening.
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        return Arrays.stream(order, 0, Math.min(count, order.length))
                .map(candidates::get)
                .sorted(Comparator.comparingInt(Sentence::position))
                .map(Sentence::text)
                .toList();
    }

    private List<String> uniqueSentences(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String sentence : splitSentences(text)) {
            byKey.putIfAbsent(sentence.toLowerCase(Locale.ROOT), sentence);
        }
        return List.copyOf(byKey.values());
    }

    private List<String> splitSentences(String text) {
        return PARAGRAPH_BREAK.splitAsStream(shortenOverlongTokens(text))
                .flatMap(paragraph -> Arrays.stream(sentences.split(paragraph)))
                .flatMap(detected -> splitUnpunctuatedLines(detected).stream())
                .map(ExtractiveSummarizer::tidy)
                .filter(sentence -> !sentence.isEmpty())
                .toList();
    }

    // OpenNLP rescans a whole whitespace-free run for each period in it: quadratic on blobs such as minified JSON.
    private static String shortenOverlongTokens(String text) {
        return OVERLONG_TOKEN.matcher(text).replaceAll(match -> {
            String kept = cut(text.substring(match.start(), match.start() + MAX_TOKEN_CHARS));
            return Matcher.quoteReplacement(kept + "…");
        });
    }

    // Text without sentence punctuation (logs, lists) is line-oriented, so each line counts as a sentence.
    private static List<String> splitUnpunctuatedLines(String detected) {
        boolean unpunctuated = !TERMINAL_PUNCTUATION.matcher(detected.strip()).matches();
        if (unpunctuated || detected.length() > MAX_SENTENCE_CHARS) {
            return Arrays.asList(LINE_BREAK.split(detected));
        }
        return List.of(detected);
    }

    private static String tidy(String sentence) {
        String collapsed = WHITESPACE.matcher(sentence).replaceAll(" ").strip();
        if (collapsed.length() <= MAX_SENTENCE_CHARS) {
            return collapsed;
        }
        return cut(collapsed.substring(0, MAX_SENTENCE_CHARS - 1)).stripTrailing() + "…";
    }

    // Never leave half of a surrogate pair at the cut.
    private static String cut(String prefix) {
        boolean splitsPair = !prefix.isEmpty() && Character.isHighSurrogate(prefix.charAt(prefix.length() - 1));
        return splitsPair ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private record Sentence(int position, String text, int[] terms) {
    }

    /** Stemmed content words of each sentence, as ids into a shared vocabulary. */
    private static final class TermIndex {

        private final List<Sentence> sentences = new ArrayList<>();
        private final Map<String, Integer> vocabulary = new HashMap<>();
        private final Map<String, String> stems = new HashMap<>();
        private final PorterStemmer stemmer = new PorterStemmer();
        private int[] termFrequencies = new int[64];

        static TermIndex index(List<String> texts) {
            TermIndex index = new TermIndex();
            for (int i = 0; i < texts.size(); i++) {
                index.sentences.add(new Sentence(i, texts.get(i), index.termIds(texts.get(i))));
            }
            return index;
        }

        /** All sentences if few enough, else the ones richest in frequent terms, so TextRank stays bounded. */
        List<Sentence> candidates(int limit) {
            if (sentences.size() <= limit) {
                return sentences;
            }
            long[] scores = sentences.stream().mapToLong(this::frequencyScore).toArray();
            return IntStream.range(0, sentences.size()).boxed()
                    .sorted(Comparator.<Integer>comparingLong(i -> -scores[i]).thenComparingInt(i -> i))
                    .limit(limit)
                    .sorted()
                    .map(sentences::get)
                    .toList();
        }

        private long frequencyScore(Sentence sentence) {
            return Arrays.stream(sentence.terms()).distinct().mapToLong(id -> termFrequencies[id]).sum();
        }

        private int[] termIds(String text) {
            return NON_WORD.splitAsStream(text.toLowerCase(Locale.ROOT))
                    .filter(TermIndex::isContentWord)
                    .map(word -> stems.computeIfAbsent(word, stemmer::stem))
                    .mapToInt(this::countedId)
                    .toArray();
        }

        private static boolean isContentWord(String word) {
            return word.length() > 1 && !StopWords.contains(word) && !DIGITS.matcher(word).matches();
        }

        private int countedId(String stem) {
            int id = vocabulary.computeIfAbsent(stem, s -> vocabulary.size());
            if (id >= termFrequencies.length) {
                termFrequencies = Arrays.copyOf(termFrequencies, termFrequencies.length * 2);
            }
            termFrequencies[id]++;
            return id;
        }
    }

    /** PageRank over the sentence graph weighted by cosine similarity of L2-normalised TF-IDF vectors. */
    private static final class TextRank {

        static double[] scores(List<Sentence> sentences) {
            List<SparseVector> vectors = tfIdfVectors(sentences);
            double[][] weights = similarities(vectors);
            return pageRank(weights, rowSums(weights));
        }

        private static List<SparseVector> tfIdfVectors(List<Sentence> sentences) {
            Map<Integer, Integer> documentFrequency = new HashMap<>();
            for (Sentence sentence : sentences) {
                Arrays.stream(sentence.terms()).distinct().forEach(id -> documentFrequency.merge(id, 1, Integer::sum));
            }
            int n = sentences.size();
            return sentences.stream()
                    .map(s -> SparseVector.tfIdf(s.terms(), id -> Math.log((1.0 + n) / (1.0 + documentFrequency.get(id))) + 1))
                    .toList();
        }

        private static double[][] similarities(List<SparseVector> vectors) {
            int n = vectors.size();
            double[][] weights = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double similarity = vectors.get(i).dot(vectors.get(j));
                    weights[i][j] = similarity;
                    weights[j][i] = similarity;
                }
            }
            return weights;
        }

        private static double[] rowSums(double[][] weights) {
            return Arrays.stream(weights).mapToDouble(row -> Arrays.stream(row).sum()).toArray();
        }

        private static double[] pageRank(double[][] weights, double[] outWeights) {
            int n = weights.length;
            double[] scores = new double[n];
            Arrays.fill(scores, 1.0 / n);
            for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
                double[] next = step(weights, outWeights, scores);
                double change = 0;
                for (int i = 0; i < n; i++) {
                    change += Math.abs(next[i] - scores[i]);
                }
                scores = next;
                if (change < CONVERGENCE_THRESHOLD) {
                    break;
                }
            }
            return scores;
        }

        private static double[] step(double[][] weights, double[] outWeights, double[] scores) {
            int n = scores.length;
            double[] share = new double[n];
            for (int j = 0; j < n; j++) {
                share[j] = outWeights[j] > 0 ? scores[j] / outWeights[j] : 0;
            }
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double incoming = 0;
                double[] row = weights[i];
                for (int j = 0; j < n; j++) {
                    incoming += row[j] * share[j];
                }
                next[i] = (1 - DAMPING) / n + DAMPING * incoming;
            }
            return next;
        }
    }

    /** Unit-length sparse term vector with ids in ascending order. */
    private record SparseVector(int[] ids, double[] values) {

        static SparseVector tfIdf(int[] terms, IntToDoubleFunction idf) {
            Map<Integer, Integer> counts = new TreeMap<>();
            for (int id : terms) {
                counts.merge(id, 1, Integer::sum);
            }
            int[] ids = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] values = new double[ids.length];
            for (int k = 0; k < ids.length; k++) {
                values[k] = counts.get(ids[k]) * idf.applyAsDouble(ids[k]);
            }
            return new SparseVector(ids, normalised(values));
        }

        private static double[] normalised(double[] values) {
            double norm = Math.sqrt(Arrays.stream(values).map(v -> v * v).sum());
            return norm == 0 ? values : Arrays.stream(values).map(v -> v / norm).toArray();
        }

        double dot(SparseVector other) {
            double sum = 0;
            int a = 0;
            int b = 0;
            while (a < ids.length && b < other.ids.length) {
                if (ids[a] == other.ids[b]) {
                    sum += values[a++] * other.values[b++];
                } else if (ids[a] < other.ids[b]) {
                    a++;
                } else {
                    b++;
                }
            }
            return sum;
        }
    }
}
