package io.aegis.media.pdf;

import java.nio.file.Path;
import java.util.List;

/**
 * A PDF's facts and the text of each page, first page first; when pages were rendered, the first-page preview image,
 * the scanned pages (no text layer) rendered for OCR, and the scanned pages left unread because of the OCR budget.
 */
public record PdfText(PdfFacts facts, List<String> pages, Path preview, List<ScannedPage> scans, List<Integer> unread) {

    public PdfText {
        pages = List.copyOf(pages);
        scans = scans == null ? List.of() : List.copyOf(scans);
        unread = unread == null ? List.of() : List.copyOf(unread);
    }

    public PdfText(PdfFacts facts, List<String> pages) {
        this(facts, pages, null, List.of(), List.of());
    }

    /** A page with no text layer, rendered in grey for OCR: {@code number} counts from 1. */
    public record ScannedPage(int number, Path image, int width, int height) {
    }
}
