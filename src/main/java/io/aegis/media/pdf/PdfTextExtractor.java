package io.aegis.media.pdf;

import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.Scratch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The first half of extract-text: every page's text layer, within the limits, plus the first page rendered as a
 * preview and the pages without text (scans) rendered for OCR, at most {@code aegis.media.pdf.ocr-max-pages}.
 */
@Component("pdfTextExtractor")
public class PdfTextExtractor implements Processor {

    private final PdfReader reader;
    private final PdfLimits limits;
    private final OriginalFiles originals;
    private final MediaProperties media;

    public PdfTextExtractor(PdfReader reader, PdfLimits limits, OriginalFiles originals, MediaProperties media) {
        this.reader = reader;
        this.limits = limits;
        this.originals = originals;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        MediaProperties.Pdf pdf = media.pdf();
        PageImages images = new PageImages(Scratch.of(exchange, media.workDir()), pdf.previewLongSide(), pdf.ocrMaxPages(),
                pdf.ocrDpi(), pdf.renderMaxPixels());
        exchange.setProperty(PdfExtraction.PROPERTY, new PdfExtraction(reader.extract(originals.local(exchange), limits, images)));
    }
}
