package io.aegis.ai.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Prompts live in {@code src/main/resources/prompts/}, where they can be read and changed as text. */
public final class Prompts {

    private Prompts() {
    }

    public static String load(String name) {
        String resource = "/prompts/" + name;
        try (InputStream in = Prompts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("prompt not on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
