package io.aegis.ai.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.springframework.stereotype.Component;

/**
 * Finds a tenant's assets that match a query, by meaning and by words: the store's vector hits and lexical (BM25) hits
 * are fused by reciprocal rank fusion (plus the share of the query's words a passage holds, weighted as one more
 * first place), passages are grouped per asset (its best passage is the snippet, with the page
 * or time it came from), and an asset is returned only when its evidence clears the relevance floor: its passages'
 * meaning (cosine relevance) reaches {@code aegis.search.min-meaning}, or they contain at least
 * {@code aegis.search.min-words} of the query's words. An unrelated query returns nothing. Both thresholds are
 * calibrated on the labelled set (bench/README.md, "Quality").
 */
@Component
public class HybridSearch {

    static final int SNIPPET_CHARS = 240;
    /** Reciprocal rank fusion's k: the usual 60 keeps one list's first place from drowning the other's second. */
    static final int RRF_K = 60;
    /**
     * Passages fetched from each side, per asset wanted: one asset may own many of the best passages (a 40-page manual
     * has a hundred), and a short asset must still get its chance to be a candidate.
     */
    private static final int PASSAGES_PER_ASSET = 20;
    private static final int MIN_CANDIDATES = 200;
    private static final int MAX_CANDIDATES = 1000;

    private final EmbeddingModel model;
    private final PassageStore store;
    private final double minMeaning;
    private final double minWords;
    private final Analyzer analyzer = QueryTerms.analyzer();

    public HybridSearch(EmbeddingModel model, PassageStore store, SearchProperties search) {
        this.model = model;
        this.store = store;
        this.minMeaning = search.minMeaning();
        this.minWords = search.minWords();
    }

    /** At most {@code limit} of the tenant's assets that clear the floor, best first. */
    public List<Hit> search(String tenant, String query, int limit) {
        int candidates = Math.min(MAX_CANDIDATES, Math.max(MIN_CANDIDATES, limit * PASSAGES_PER_ASSET));
        List<PassageHit> byMeaning = store.vectorHits(tenant, model.embed(query).content(), candidates);
        List<PassageHit> byWords = store.lexicalHits(tenant, query, candidates);
        Set<String> queryTerms = QueryTerms.distinct(analyzer, query);

        Map<String, Candidate> passages = new LinkedHashMap<>();
        for (int rank = 0; rank < byMeaning.size(); rank++) {
            PassageHit hit = byMeaning.get(rank);
            Candidate candidate = passages.computeIfAbsent(hit.passage().id(), id -> new Candidate(hit.passage()));
            candidate.fused += 1.0 / (RRF_K + rank + 1);
            candidate.meaning = hit.score();
        }
        for (int rank = 0; rank < byWords.size(); rank++) {
            PassageHit hit = byWords.get(rank);
            Candidate candidate = passages.computeIfAbsent(hit.passage().id(), id -> new Candidate(hit.passage()));
            candidate.fused += 1.0 / (RRF_K + rank + 1);
        }
        Map<String, AssetEvidence> assets = new HashMap<>();
        for (Candidate candidate : passages.values()) {
            candidate.words = QueryTerms.coverage(analyzer, queryTerms, candidate.passage.text());
            // Holding every word asked for weighs like a first place: an exact invoice number beats a passage that is
            // merely about invoices, whichever list ranked that one higher.
            candidate.fused += candidate.words / (RRF_K + 1);
            assets.computeIfAbsent(candidate.passage.assetId(), id -> new AssetEvidence()).add(candidate);
        }
        return assets.values().stream()
                .filter(asset -> asset.meaning >= minMeaning || asset.words >= minWords)
                .sorted(Comparator.comparingDouble((AssetEvidence asset) -> asset.best.fused).reversed())
                .limit(limit)
                .map(asset -> hit(asset, queryTerms))
                .toList();
    }

    private Hit hit(AssetEvidence asset, Set<String> queryTerms) {
        Passage passage = asset.best.passage;
        List<String> matchedBy = new ArrayList<>();
        if (asset.words >= minWords) {
            matchedBy.add("words");
        }
        if (asset.meaning >= minMeaning) {
            matchedBy.add("meaning");
        }
        // 1 = first in both lists and holding every word of the query.
        double score = asset.best.fused / (3.0 / (RRF_K + 1));
        return new Hit(passage.assetId(), passage.jobId(), passage.tenant(), Math.min(1.0, score),
                snippet(passage.text(), QueryTerms.firstMatch(analyzer, queryTerms, passage.text())),
                passage.source().label(), passage.page(), passage.start(), passage.end(),
                round(asset.meaning), round(asset.words), List.copyOf(matchedBy));
    }

    /** The passage, or a window of it around the first matched word, cut at word boundaries. */
    static String snippet(String text, int firstMatch) {
        String flat = text.strip();
        if (flat.length() <= SNIPPET_CHARS) {
            return flat;
        }
        int from = firstMatch <= SNIPPET_CHARS / 3 ? 0 : firstMatch - SNIPPET_CHARS / 4;
        from = from == 0 ? 0 : Math.max(0, flat.lastIndexOf(' ', from) + 1);
        int to = Math.min(flat.length(), from + SNIPPET_CHARS);
        if (to < flat.length()) {
            int space = flat.lastIndexOf(' ', to);
            to = space > from ? space : to;
            // One long word: cut it, but never between the halves of a surrogate pair.
            if (Character.isHighSurrogate(flat.charAt(to - 1))) {
                to--;
            }
        }
        return (from > 0 ? "…" : "") + flat.substring(from, to) + (to < flat.length() ? "…" : "");
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * One asset's best passage and where it came from. {@code score}: fused rank score, 0..1 (1 = first by both
     * meaning and words); {@code meaning}: the best cosine relevance of its passages (0..1); {@code words}: the largest
     * share of the query's words one of its passages contains; {@code matchedBy}: which of them cleared the floor.
     */
    public record Hit(String assetId, String jobId, String tenant, double score, String snippet, String source,
                      Integer page, Double start, Double end, double meaning, double words, List<String> matchedBy) {
    }

    private static final class Candidate {
        final Passage passage;
        double fused;
        double meaning;
        double words;

        Candidate(Passage passage) {
            this.passage = passage;
        }
    }

    private static final class AssetEvidence {
        Candidate best;
        double meaning;
        double words;

        void add(Candidate candidate) {
            if (best == null || candidate.fused > best.fused) {
                best = candidate;
            }
            meaning = Math.max(meaning, candidate.meaning);
            words = Math.max(words, candidate.words);
        }
    }
}
