package io.aegis.media.pdf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * One extract-text step's work in progress (an exchange property): the text layer of every page, then the text OCR
 * reads on the scanned pages one by one, then the recorder stores it all.
 */
final class PdfExtraction {

    static final String PROPERTY = "aegis.pdfExtraction";

    private final PdfText text;
    private final List<String> pages;
    private final Deque<PdfText.ScannedPage> toScan;
    private final List<Integer> scanned = new ArrayList<>();
    private PdfText.ScannedPage current;

    PdfExtraction(PdfText text) {
        this.text = text;
        this.pages = new ArrayList<>(text.pages());
        this.toScan = new ArrayDeque<>(text.scans());
    }

    static PdfExtraction of(Exchange exchange) {
        PdfExtraction extraction = exchange.getProperty(PROPERTY, PdfExtraction.class);
        if (extraction == null) {
            throw new IllegalStateException("no PDF is being extracted in this exchange");
        }
        return extraction;
    }

    PdfText text() {
        return text;
    }

    boolean hasPageToScan() {
        return !toScan.isEmpty();
    }

    PdfText.ScannedPage nextScan() {
        current = toScan.remove();
        return current;
    }

    /** The OCR text of the page last handed out by {@link #nextScan}, in place of its (empty) text layer. */
    void scanned(String ocrText) {
        pages.set(current.number() - 1, ocrText);
        scanned.add(current.number());
    }

    List<String> pages() {
        return List.copyOf(pages);
    }

    List<Integer> scannedPages() {
        return List.copyOf(scanned);
    }
}
