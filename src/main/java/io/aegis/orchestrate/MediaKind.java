package io.aegis.orchestrate;

import java.util.Locale;
import java.util.Set;

/** The media kinds the dispatch route branches on, derived from the MIME type sniffed from the bytes. */
public enum MediaKind {
    IMAGE, VIDEO, AUDIO, PDF, TEXT, OTHER;

    private static final Set<String> TEXT_APPLICATION_TYPES = Set.of(
            "application/json", "application/xml", "application/x-yaml", "application/javascript");

    public static MediaKind of(String mimeType) {
        String type = mimeType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return IMAGE;
        }
        if (type.startsWith("video/")) {
            return VIDEO;
        }
        if (type.startsWith("audio/")) {
            return AUDIO;
        }
        if (type.equals("application/pdf")) {
            return PDF;
        }
        if (type.startsWith("text/") || TEXT_APPLICATION_TYPES.contains(type)) {
            return TEXT;
        }
        return OTHER;
    }

    /** The value of the aegis.mediaType header and the API's mediaType field. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
