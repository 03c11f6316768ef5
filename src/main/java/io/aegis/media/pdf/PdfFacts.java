package io.aegis.media.pdf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a PDF says about itself, read without extracting its text.
 *
 * @param info the document information entries that are present, in a fixed order: title, author, subject,
 *             keywords, creator, producer, creationDate, modificationDate (dates as ISO-8601 with offset)
 */
public record PdfFacts(int pageCount, String pdfVersion, boolean encrypted, Map<String, String> info) {

    public PdfFacts {
        // LinkedHashMap keeps the documented order, which Map.copyOf would not
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }
}
