package io.aegis.state;

/**
 * A text rendition as the processed bucket and the asset know it: its {@code kind} on the asset, its object name under
 * {@code {tenant}/{assetId}/}, the format the asset shows and the content type it is stored with. The steps that write
 * these and the readers (search, summary, the console) name them here, so the layout is in one place.
 */
public record TextRendition(String kind, String name, String format, String contentType) {

    /** The asset's whole text, what summary, tags, fields and search read. */
    public static final TextRendition TEXT = new TextRendition("text", "text.txt", "txt", "text/plain");
    /** Page by page (PDF, documents): {@code {"pages": [{"number", "text", ...}]}}. */
    public static final TextRendition PAGES = new TextRendition("pages", "pages.json", "json", "application/json");
    public static final TextRendition TRANSCRIPT = new TextRendition("transcript", "transcript.json", "json",
            "application/json");
    public static final TextRendition CAPTIONS = new TextRendition("captions", "captions.vtt", "vtt", "text/vtt");
    public static final TextRendition OCR_TEXT = new TextRendition("ocr-text", "ocr.txt", "txt", "text/plain");
}
