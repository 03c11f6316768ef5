package io.aegis.ai.search;

import java.util.Locale;

/** Where an embedded chunk's text came from; stored lower-case in the chunk's {@code source} metadata. */
public enum TextSource {
    TEXT, TRANSCRIPT, OCR, DESCRIPTION, SUMMARY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
