package io.aegis.orchestrate;

import java.text.Normalizer;

/** Turns a client's file name into one safe as the last segment of an object key. */
public final class SafeFileName {

    private static final int MAX_LENGTH = 200;

    private SafeFileName() {
    }

    public static String of(String clientName) {
        if (clientName == null) {
            return "file";
        }
        // Keep only the last path segment: "../../etc/passwd" and "C:\\x\\y.txt" lose their directories.
        String base = clientName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = Normalizer.normalize(base, Normalizer.Form.NFKC)
                .replaceAll("[^A-Za-z0-9._-]", "_")
                .replaceAll("_+", "_");
        if (base.length() > MAX_LENGTH) {
            base = base.substring(base.length() - MAX_LENGTH); // the end keeps the extension
        }
        // No hidden files, no "." or "..", nothing a tool could take for an option: strip last, after any cut.
        base = base.replaceAll("^[._-]+", "");
        return base.isEmpty() ? "file" : base;
    }
}
