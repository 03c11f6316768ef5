package io.aegis.ai.summary;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentByLineSplitter;
import dev.langchain4j.data.document.splitter.DocumentByParagraphSplitter;
import dev.langchain4j.data.document.splitter.DocumentBySentenceSplitter;
import dev.langchain4j.data.document.splitter.DocumentByWordSplitter;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import io.aegis.ai.model.TokenBudget;
import io.aegis.text.Sentences;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Cuts a text into chunks that each fit a budget, with LangChain4j's recursive document splitter: it cuts between
 * paragraphs where it can, then between lines, sentences (the process's one sentence model, {@link Sentences}),
 * words, and only as a last resort inside a word. The same text always gives the same chunks.
 * <ul>
 *   <li>{@link #ofTokens}: model tokens as {@link TokenBudget} estimates them, for the summary's map-reduce; a "word"
 *   longer than a whole chunk (a base64 blob, a run of digits) is clipped first, so a hostile text cannot turn into
 *   hundreds of model calls;</li>
 *   <li>{@link #ofWords}: words, for search passages, whitespace collapsed.</li>
 * </ul>
 */
public final class TextChunker {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final DocumentSplitter splitter;
    private final Pattern blob;
    private final boolean collapseWhitespace;

    private TextChunker(int max, ToIntFunction<String> size, Sentences sentences, Pattern blob,
            boolean collapseWhitespace) {
        if (max < 1) {
            throw new IllegalArgumentException("a chunk must hold something: " + max);
        }
        // DocumentSplitters.recursive(...), but with the shared sentence model rather than a copy of its own.
        Estimator estimator = new Estimator(size);
        this.splitter = new DocumentByParagraphSplitter(max, 0, estimator,
                new DocumentByLineSplitter(max, 0, estimator,
                        new DocumentBySentenceSplitter(max, 0, estimator,
                                new DocumentByWordSplitter(max, 0, estimator), sentences.model())));
        this.blob = blob;
        this.collapseWhitespace = collapseWhitespace;
    }

    /** Chunks of at most {@code maxTokens} estimated model tokens. */
    public static TextChunker ofTokens(int maxTokens, Sentences sentences) {
        return new TextChunker(maxTokens, TokenBudget::estimate, sentences,
                Pattern.compile("(\\S{" + Math.max(1, maxTokens) * 4 + "})\\S+"), false);
    }

    /** Chunks of at most {@code maxWords} words. */
    public static TextChunker ofWords(int maxWords, Sentences sentences) {
        return new TextChunker(maxWords, TextChunker::words, sentences, null, true);
    }

    public List<String> chunks(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String whole = blob == null ? text.strip() : blob.matcher(text.strip()).replaceAll("$1");
        return splitter.split(Document.from(whole)).stream()
                .map(TextSegment::text)
                .map(chunk -> collapseWhitespace ? WHITESPACE.matcher(chunk.strip()).replaceAll(" ") : chunk.strip())
                .filter(chunk -> !chunk.isEmpty())
                .toList();
    }

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : WHITESPACE.split(stripped).length;
    }

    /** The budget as LangChain4j's splitters measure segments; they only ever measure text. */
    private record Estimator(ToIntFunction<String> size) implements TokenCountEstimator {

        @Override
        public int estimateTokenCountInText(String text) {
            return size.applyAsInt(text);
        }

        @Override
        public int estimateTokenCountInMessage(ChatMessage message) {
            throw new UnsupportedOperationException("a text chunker measures text, not chat messages");
        }

        @Override
        public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
            throw new UnsupportedOperationException("a text chunker measures text, not chat messages");
        }
    }
}
