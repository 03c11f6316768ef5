package io.aegis.ai.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Words as search compares them: Lucene's English analysis (lower case, no stop words, Porter stems, possessives off),
 * so "payments" matches "payment" and an invoice number splits into its parts. Also measures how much of a query a
 * passage contains, and where in the passage the first matched word is (for its snippet).
 */
final class QueryTerms {

    private QueryTerms() {
    }

    static Analyzer analyzer() {
        return new EnglishAnalyzer();
    }

    /** The analysed terms of {@code text}, in order. */
    static List<String> of(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        analyse(analyzer, text, (term, start) -> terms.add(term));
        return terms;
    }

    /** Share (0..1) of the query's distinct terms that occur in the passage; 0 for a query of stop words only. */
    static double coverage(Analyzer analyzer, Set<String> queryTerms, String passage) {
        if (queryTerms.isEmpty()) {
            return 0;
        }
        Set<String> found = new HashSet<>();
        analyse(analyzer, passage, (term, start) -> {
            if (queryTerms.contains(term)) {
                found.add(term);
            }
        });
        return (double) found.size() / queryTerms.size();
    }

    static Set<String> distinct(Analyzer analyzer, String query) {
        return new LinkedHashSet<>(of(analyzer, query));
    }

    /** Character offset in {@code passage} of the first word that is one of the query's terms, or -1. */
    static int firstMatch(Analyzer analyzer, Set<String> queryTerms, String passage) {
        int[] first = {-1};
        analyse(analyzer, passage, (term, start) -> {
            if (first[0] < 0 && queryTerms.contains(term)) {
                first[0] = start;
            }
        });
        return first[0];
    }

    private interface TermSink {
        void term(String term, int startOffset);
    }

    private static void analyse(Analyzer analyzer, String text, TermSink sink) {
        try (TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                sink.term(term.toString(), offset.startOffset());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
