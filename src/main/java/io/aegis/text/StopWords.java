package io.aegis.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one English stop-word list ({@code text/stopwords-en.txt}): words that say nothing about a text's topic, so
 * keyword tags skip them and the summarizer does not link two sentences because both say "however". Lower case.
 */
public final class StopWords {

    static final String RESOURCE = "/text/stopwords-en.txt";

    private static final Set<String> ENGLISH = load();

    private StopWords() {
    }

    /** True for a stop word; {@code word} must already be lower case. */
    public static boolean contains(String word) {
        return ENGLISH.contains(word);
    }

    private static Set<String> load() {
        try (InputStream in = StopWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("stop words not on classpath: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#"))
                    .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                    .filter(word -> !word.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
