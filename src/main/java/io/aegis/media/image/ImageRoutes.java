package io.aegis.media.image;

import io.aegis.media.ToolExecutor;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The image flow: probe (in the metadata step), thumbnails at the sizes routes/ sets, OCR with tesseract. */
@Component
public class ImageRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // Errors travel up to the queue consumer, which retries or fails the job.
        errorHandler(noErrorHandler());

        from("direct:probe-image").routeId("media.probe-image")
                .process("imageProber");

        from("direct:step-thumbnails").routeId("media.thumbnails")
                // Sizes are an ops decision: routes/thumbnail-sizes.yaml, editable without recompiling.
                .to("direct:thumbnail-sizes")
                .process("thumbnailMaker");

        from("direct:step-ocr").routeId("media.ocr")
                .process("ocrCommand")
                .to(ToolExecutor.endpoint("tesseract"))
                .process("ocrRecorder");
    }
}
