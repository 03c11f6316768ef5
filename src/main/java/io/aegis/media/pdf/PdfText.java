package io.aegis.media.pdf;

import java.util.List;

/** A PDF's facts and the text of each page, first page first. */
public record PdfText(PdfFacts facts, List<String> pages) {

    public PdfText {
        pages = List.copyOf(pages);
    }
}
