package io.aegis.api;

import io.aegis.orchestrate.SafeFileName;
import java.util.Locale;

/** How an original is served from storage: inline only when no browser would run it. */
final class OriginalDisposition {

    static final String DOWNLOAD_TYPE = "application/octet-stream";

    private OriginalDisposition() {
    }

    /** Images (not SVG, which carries scripts), audio, video and PDF; everything else is downloaded. */
    static boolean showsInline(String mimeType) {
        if (mimeType == null) {
            return false;
        }
        String type = mimeType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        if (type.startsWith("image/")) {
            return !type.contains("svg");
        }
        return type.startsWith("audio/") || type.startsWith("video/") || type.equals("application/pdf");
    }

    static String attachment(String filename) {
        // SafeFileName keeps [A-Za-z0-9._-] only: nothing that could break out of the quotes.
        String name = filename == null || filename.isBlank() ? "original" : SafeFileName.of(filename);
        return "attachment; filename=\"" + name + "\"";
    }
}
