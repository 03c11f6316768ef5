package io.aegis.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a text into chunks of at most {@code maxTokens} (estimated by {@link TokenBudget}), preferring to cut
 * between paragraphs, then between sentences, then between words, so each chunk reads as whole text.
 */
public final class TextChunker {

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORDS = Pattern.compile("\\s+");

    private final int maxTokens;

    public TextChunker(int maxTokens) {
        this.maxTokens = maxTokens;
    }

    public List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : pieces(text.strip())) {
            String candidate = current.length() == 0 ? piece : current + "\n\n" + piece;
            if (TokenBudget.estimate(candidate) <= maxTokens) {
                current.setLength(0);
                current.append(candidate);
            } else {
                if (current.length() > 0) {
                    chunks.add(current.toString());
                }
                current.setLength(0);
                current.append(piece);
            }
        }
        if (current.length() > 0) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** Paragraphs, with any paragraph over the budget broken into sentences, and any such sentence into words. */
    private List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (String paragraph : PARAGRAPHS.split(text)) {
            if (TokenBudget.estimate(paragraph) <= maxTokens) {
                addIfText(pieces, paragraph);
                continue;
            }
            for (String sentence : SENTENCES.split(paragraph)) {
                if (TokenBudget.estimate(sentence) <= maxTokens) {
                    addIfText(pieces, sentence);
                } else {
                    pieces.addAll(wordRuns(sentence));
                }
            }
        }
        return pieces;
    }

    private List<String> wordRuns(String sentence) {
        List<String> runs = new ArrayList<>();
        String run = "";
        for (String word : WORDS.split(sentence.strip())) {
            // A "word" longer than a whole chunk (a base64 blob, a run of digits) is clipped, not looped over.
            String clipped = word.length() > maxTokens * 4 ? word.substring(0, maxTokens * 4) : word;
            if (run.isEmpty()) {
                run = clipped;
            } else if (TokenBudget.estimate(run + " " + clipped) > maxTokens) {
                runs.add(run);
                run = clipped;
            } else {
                run = run + " " + clipped;
            }
        }
        addIfText(runs, run);
        return runs;
    }

    private static void addIfText(List<String> pieces, String piece) {
        if (!piece.isBlank()) {
            pieces.add(piece.strip());
        }
    }
}
