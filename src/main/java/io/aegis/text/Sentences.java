package io.aegis.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;

/**
 * English sentence boundaries: the process's one OpenNLP sentence model, the one LangChain4j bundles with its
 * document splitters (UD English EWT, {@value #MODEL_RESOURCE}), loaded once (the bean in {@link TextConfiguration})
 * and shared by the summary and search chunkers ({@code TextChunker}) and the extractive summarizer. Thread-safe:
 * the model is immutable and every {@link #split} has a detector of its own.
 */
public final class Sentences {

    static final String MODEL_RESOURCE = "/opennlp/opennlp-en-ud-ewt-sentence-1.2-2.5.0.bin";

    private final SentenceModel model;

    private Sentences(SentenceModel model) {
        this.model = model;
    }

    /** Reads the model from the classpath: once per process (tests may each hold one). */
    public static Sentences english() {
        try (InputStream in = Sentences.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Sentence model not on classpath: " + MODEL_RESOURCE);
            }
            return new Sentences(new SentenceModel(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sentence model " + MODEL_RESOURCE, e);
        }
    }

    /** The model, for LangChain4j's {@code DocumentBySentenceSplitter}. */
    public SentenceModel model() {
        return model;
    }

    /** The sentences of one paragraph, as the model cuts it. */
    public String[] split(String text) {
        return new SentenceDetectorME(model).sentDetect(text);
    }
}
