package io.aegis.steps;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The file formats a declared step may leave as renditions, by extension: what the asset and S3 record of each. */
public enum RenditionFormat {
    JPEG("jpeg", "image/jpeg", true, "jpg", "jpeg"),
    PNG("png", "image/png", true, "png"),
    WEBP("webp", "image/webp", true, "webp"),
    GIF("gif", "image/gif", true, "gif"),
    JSON("json", "application/json", false, "json"),
    TEXT("text", "text/plain; charset=utf-8", false, "txt"),
    VTT("vtt", "text/vtt; charset=utf-8", false, "vtt");

    private final String format;
    private final String contentType;
    private final boolean picture;
    private final String[] extensions;

    RenditionFormat(String format, String contentType, boolean picture, String... extensions) {
        this.format = format;
        this.contentType = contentType;
        this.picture = picture;
        this.extensions = extensions;
    }

    /** The name recorded in the rendition's {@code format}. */
    public String format() {
        return format;
    }

    public String contentType() {
        return contentType;
    }

    /** A picture: its width and height are recorded too. */
    public boolean picture() {
        return picture;
    }

    public static Optional<RenditionFormat> ofFile(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> Arrays.asList(f.extensions).contains(extension)).findFirst();
    }

    public static String extensions() {
        return String.join(", ", Arrays.stream(values()).flatMap(f -> Arrays.stream(f.extensions)).toList());
    }
}
