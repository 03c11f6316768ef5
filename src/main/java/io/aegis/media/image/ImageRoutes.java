package io.aegis.media.image;

import io.aegis.media.ToolExecutor;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The image flow: probe (in the metadata step), thumbnails at the sizes routes/ sets (by libvips or the JDK, per
 * format: {@link ThumbnailPlanner}), and OCR: the page made upright
 * and opaque, tesseract's orientation detection, then word-by-word passes (TSV with confidences) until the page is read.
 * Formats ImageIO cannot read (HEIC, AVIF, SVG) are first turned into a picture by a tool.
 */
@Component
public class ImageRoutes extends RouteBuilder {

    /** Makes, stores and records the thumbnails; routes of other media kinds send their picture here too. */
    public static final String MAKE_THUMBNAILS = "direct:make-thumbnails";

    private final ImageProber imageProber;
    private final ThumbnailPlanner thumbnailPlanner;
    private final ThumbnailMaker thumbnailMaker;
    private final OcrImagePreparer ocrImagePreparer;
    private final OcrRecorder ocrRecorder;
    private final OcrOrientation ocrOrientation;
    private final OcrPass ocrPass;
    private final ImageDecodeCommand imageDecodeCommand;
    private final ImageDecodeRecorder imageDecodeRecorder;

    public ImageRoutes(ImageProber imageProber, ThumbnailPlanner thumbnailPlanner, ThumbnailMaker thumbnailMaker,
                       OcrImagePreparer ocrImagePreparer,
                       OcrRecorder ocrRecorder, OcrOrientation ocrOrientation, OcrPass ocrPass,
                       ImageDecodeCommand imageDecodeCommand, ImageDecodeRecorder imageDecodeRecorder) {
        this.imageProber = imageProber;
        this.thumbnailPlanner = thumbnailPlanner;
        this.thumbnailMaker = thumbnailMaker;
        this.ocrImagePreparer = ocrImagePreparer;
        this.ocrRecorder = ocrRecorder;
        this.ocrOrientation = ocrOrientation;
        this.ocrPass = ocrPass;
        this.imageDecodeCommand = imageDecodeCommand;
        this.imageDecodeRecorder = imageDecodeRecorder;
    }

    @Override
    public void configure() {
        // Errors travel up to the queue consumer, which retries or fails the job.
        errorHandler(noErrorHandler());

        from("direct:probe-image").routeId("media.probe-image")
                .process(imageProber);

        from("direct:step-thumbnails").routeId("media.thumbnails")
                // Sizes are an ops decision: routes/thumbnail-sizes.yaml, editable without recompiling.
                .to("direct:thumbnail-sizes")
                .to("direct:decode-image")
                .to(MAKE_THUMBNAILS);

        // The thumbnails of exchange property aegis.thumbnailSource (a poster, a PDF preview), else of the image, at the
        // sizes in header aegis.thumbnailSizes: libvips (one call per size) for the formats it makes faster, the JDK
        // inside thumbnailMaker for the rest.
        from(MAKE_THUMBNAILS).routeId("media.make-thumbnails")
                .process(thumbnailPlanner)
                .to(VipsThumbnailRoutes.ENDPOINT)
                .process(thumbnailMaker);

        from("direct:step-ocr").routeId("media.ocr")
                .to("direct:decode-image")
                .process(ocrImagePreparer)
                .to("direct:ocr-scan")
                .process(ocrRecorder);

        // Reads the page in exchange property aegis.ocrScan (an image, or a scanned PDF page); the caller keeps the words.
        from("direct:ocr-scan").routeId("media.ocr-scan")
                .bean(ocrOrientation, "command")
                .to(ToolExecutor.endpoint("tesseract"))
                .bean(ocrOrientation, "read")
                // One pass per planned quarter-turn: the first at the detected orientation, two more when it left text unread.
                .loopDoWhile(exchange -> OcrScan.of(exchange).hasNextPass())
                    .bean(ocrPass, "command")
                    .to(ToolExecutor.endpoint("tesseract"))
                    .bean(ocrPass, "read")
                .end();

        // HEIC, AVIF and SVG become a picture ImageIO and tesseract read; other images are read as they are.
        from("direct:decode-image").routeId("media.decode-image")
                .process(imageDecodeCommand)
                .filter(exchangeProperty(ImageDecodeCommand.TOOL).isNotNull())
                    .to(ToolExecutor.endpoint("image-decoder"))
                    .process(imageDecodeRecorder)
                .end();
    }
}
