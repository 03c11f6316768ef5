package io.aegis.media.image;

import io.aegis.media.ToolExecutor;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The image flow: probe (in the metadata step), thumbnails at the sizes routes/ sets, OCR with tesseract; formats
 * ImageIO cannot read (HEIC, AVIF, SVG) are first turned into a picture by a tool.
 */
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
                .to("direct:decode-image")
                .process("thumbnailMaker");

        from("direct:step-ocr").routeId("media.ocr")
                .to("direct:decode-image")
                .process("ocrCommand")
                .to(ToolExecutor.endpoint("tesseract"))
                .process("ocrRecorder");

        // HEIC, AVIF and SVG become a picture ImageIO and tesseract read; other images are read as they are.
        from("direct:decode-image").routeId("media.decode-image")
                .process("imageDecodeCommand")
                .filter(exchangeProperty(ImageDecodeCommand.TOOL).isNotNull())
                    .to(ToolExecutor.endpoint("image-decoder"))
                    .process("imageDecodeRecorder")
                .end();
    }
}
