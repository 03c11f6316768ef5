package io.aegis.media.pdf;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The PDF flow: info and limits in the metadata step, then the text of every page for summarize. */
@Component
public class PdfRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        from("direct:probe-pdf").routeId("media.probe-pdf")
                .process("pdfProber");

        from("direct:step-extract-text").routeId("media.extract-text")
                .process("pdfTextRecorder");
    }
}
