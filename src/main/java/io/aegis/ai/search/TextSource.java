package io.aegis.ai.search;

import java.util.Locale;

/** Where an embedded chunk's text came from; stored lower-case in the chunk's {@code source} metadata. */
public enum TextSource {
    TEXT, TRANSCRIPT, OCR, DESCRIPTION, SUMMARY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source a stored label names; unknown labels (an older index) read as TEXT. */
    public static TextSource of(String label) {
        for (TextSource source : values()) {
            if (source.label().equals(label)) {
                return source;
            }
        }
        return TEXT;
    }
}
