package io.aegis.orchestrate;

import io.aegis.media.document.DocumentFormat;
import java.util.Locale;
import java.util.Set;

/** The media kinds the dispatch route branches on, derived from the MIME type sniffed from the bytes. */
public enum MediaKind {
    IMAGE, VIDEO, AUDIO, PDF, DOCUMENT, TEXT, OTHER;

    // Playlists name other files or URLs; following them would let an upload make the worker fetch anything.
    private static final Set<String> PLAYLIST_TYPES = Set.of(
            "application/vnd.apple.mpegurl", "application/x-mpegurl", "audio/mpegurl", "audio/x-mpegurl",
            "audio/x-scpls", "video/vnd.mpegurl", "application/vnd.ms-wpl", "application/xspf+xml");

    // Containers Tika names without a kind; ffprobe later tells a video from an audio-only file.
    private static final Set<String> AV_CONTAINER_TYPES = Set.of(
            "application/x-matroska", "application/ogg", "application/mp4", "application/x-mpegurl-ts");

    private static final Set<String> TEXT_APPLICATION_TYPES = Set.of(
            "application/json", "application/xml", "application/x-yaml", "application/javascript");

    public static MediaKind of(String mimeType) {
        String type = mimeType.toLowerCase(Locale.ROOT);
        if (PLAYLIST_TYPES.contains(type)) {
            return OTHER;
        }
        if (type.startsWith("image/")) {
            return IMAGE;
        }
        if (type.startsWith("video/") || AV_CONTAINER_TYPES.contains(type)) {
            return VIDEO;
        }
        if (type.startsWith("audio/")) {
            return AUDIO;
        }
        if (type.equals("application/pdf")) {
            return PDF;
        }
        // Office, OpenDocument, EPUB, RTF and HTML: their text is extracted, not their markup summarised
        if (DocumentFormat.isDocument(type)) {
            return DOCUMENT;
        }
        if (type.startsWith("text/") || TEXT_APPLICATION_TYPES.contains(type)) {
            return TEXT;
        }
        return OTHER;
    }

    /** Kinds whose steps run a tool on a local copy of the original. */
    public boolean needsLocalFile() {
        return this == IMAGE || this == VIDEO || this == AUDIO || this == PDF || this == DOCUMENT;
    }

    /** The value of the aegis.mediaType header and the API's mediaType field. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
