package io.aegis.media.pdf;

import io.aegis.media.image.ImageRoutes;
import io.aegis.media.image.ThumbnailSource;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The PDF flow: info and limits in the metadata step; then the text of every page (scanned pages read by OCR through
 * {@code direct:ocr-scan}, within a page budget) and the first page as thumbnails, like any picture.
 */
@Component
public class PdfRoutes extends RouteBuilder {

    private final PdfProber pdfProber;
    private final PdfTextExtractor pdfTextExtractor;
    private final PdfPageScans pdfPageScans;
    private final PdfTextRecorder pdfTextRecorder;

    public PdfRoutes(PdfProber pdfProber, PdfTextExtractor pdfTextExtractor, PdfPageScans pdfPageScans,
                     PdfTextRecorder pdfTextRecorder) {
        this.pdfProber = pdfProber;
        this.pdfTextExtractor = pdfTextExtractor;
        this.pdfPageScans = pdfPageScans;
        this.pdfTextRecorder = pdfTextRecorder;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        from("direct:probe-pdf").routeId("media.probe-pdf")
                .process(pdfProber);

        from("direct:step-extract-text").routeId("media.extract-text")
                .process(pdfTextExtractor)
                .loopDoWhile(method(pdfPageScans, "hasNext"))
                    .bean(pdfPageScans, "next")
                    .to("direct:ocr-scan")
                    .bean(pdfPageScans, "read")
                .end()
                .process(pdfTextRecorder)
                // The preview: the first page gets the thumbnails an image would (sizes from routes/thumbnail-sizes.yaml).
                .filter(exchangeProperty(ThumbnailSource.FILE).isNotNull())
                    .to("direct:thumbnail-sizes")
                    .to(ImageRoutes.MAKE_THUMBNAILS)
                .end();
    }
}
