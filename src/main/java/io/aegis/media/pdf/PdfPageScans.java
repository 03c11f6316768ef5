package io.aegis.media.pdf;

import io.aegis.media.image.OcrRecorder;
import io.aegis.media.image.OcrScan;
import io.aegis.media.image.OcrWordJudge;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * OCR of a PDF's scanned pages, one at a time through {@code direct:ocr-scan}: {@link #next} hands the next rendered
 * page to the scan, {@link #read} keeps the words OCR read with confidence as that page's text.
 */
@Component("pdfPageScans")
public class PdfPageScans {

    private final OcrWordJudge judge;

    public PdfPageScans(OcrWordJudge judge) {
        this.judge = judge;
    }

    public boolean hasNext(Exchange exchange) {
        return PdfExtraction.of(exchange).hasPageToScan();
    }

    public void next(Exchange exchange) {
        PdfText.ScannedPage page = PdfExtraction.of(exchange).nextScan();
        exchange.setProperty(OcrScan.PROPERTY, new OcrScan(page.image(), page.width(), page.height()));
    }

    public void read(Exchange exchange) {
        // A page is not an image insight: the whole text budget of the document applies, not the OCR insight's cap.
        String text = OcrRecorder.tidy(OcrScan.of(exchange).text(judge::accept), Integer.MAX_VALUE);
        PdfExtraction.of(exchange).scanned(text);
        exchange.removeProperty(OcrScan.PROPERTY);
    }
}
