package io.aegis.ai.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A prompt kept as a classpath resource under {@code prompts/}, so wording changes never touch Java. */
public final class PromptText {

    private PromptText() {
    }

    public static String load(String resource) {
        try (InputStream in = PromptText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("prompt not on classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt " + resource, e);
        }
    }
}
