package io.aegis.ai.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a text into chunks of at most {@code maxWords} words for embedding. Cuts fall between sentences
 * (after . ! ? … or at a line break) where possible; only a sentence longer than a chunk is cut between
 * words. The same text always gives the same chunks, whitespace collapsed.
 */
public final class TextChunker {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…][\"'’”)\\]]?)\\s+|\\R");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final int maxWords;

    public TextChunker(int maxWords) {
        if (maxWords < 1) {
            throw new IllegalArgumentException("maxWords must be positive: " + maxWords);
        }
        this.maxWords = maxWords;
    }

    public List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return chunks;
        }
        List<String> current = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text.strip())) {
            List<String> words = words(sentence);
            if (current.size() + words.size() > maxWords && !current.isEmpty()) {
                chunks.add(String.join(" ", current));
                current.clear();
            }
            // A sentence longer than a chunk fills whole chunks by itself; its rest starts the next one.
            while (words.size() > maxWords) {
                chunks.add(String.join(" ", words.subList(0, maxWords)));
                words = words.subList(maxWords, words.size());
            }
            current.addAll(words);
        }
        if (!current.isEmpty()) {
            chunks.add(String.join(" ", current));
        }
        return chunks;
    }

    private static List<String> words(String sentence) {
        String stripped = sentence.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(WHITESPACE.split(stripped));
    }
}
