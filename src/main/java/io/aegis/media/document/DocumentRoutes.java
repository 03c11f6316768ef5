package io.aegis.media.document;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The document flow (Word, Excel, PowerPoint, OpenDocument, EPUB, RTF, HTML): format and limits in the metadata
 * step, then the text of every section, sheet or slide for summarize and embed, as a PDF's pages.
 */
@Component
public class DocumentRoutes extends RouteBuilder {

    private final DocumentProber documentProber;
    private final DocumentTextRecorder documentTextRecorder;

    public DocumentRoutes(DocumentProber documentProber, DocumentTextRecorder documentTextRecorder) {
        this.documentProber = documentProber;
        this.documentTextRecorder = documentTextRecorder;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        from("direct:probe-document").routeId("media.probe-document")
                .process(documentProber);

        from("direct:step-extract-document").routeId("media.extract-document")
                .process(documentTextRecorder);
    }
}
