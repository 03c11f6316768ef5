package io.aegis.ai.image;

import io.aegis.ai.model.ModelIdentity;
import io.aegis.ai.model.OfflineChatModel;
import io.aegis.platform.AegisHeaders;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The analyze-image step: evidence (dimensions, EXIF, OCR text, the largest thumbnail) → offline facts-only
 * describer or a vision chat model ({@link ImageModelRoutes}) → tags, description and nsfw insights.
 */
@Component
public class ImageAnalysisRoutes extends RouteBuilder {

    private final boolean offline;
    private final ImageEvidenceLoader imageEvidenceLoader;
    private final ImageAnalysisRecorder imageAnalysisRecorder;
    private final OfflineImageDescriber offlineImageDescriber;

    public ImageAnalysisRoutes(ModelIdentity model, ImageEvidenceLoader imageEvidenceLoader,
                               ImageAnalysisRecorder imageAnalysisRecorder,
                               OfflineImageDescriber offlineImageDescriber) {
        this.offline = OfflineChatModel.PROVIDER.equals(model.provider());
        this.imageEvidenceLoader = imageEvidenceLoader;
        this.imageAnalysisRecorder = imageAnalysisRecorder;
        this.offlineImageDescriber = offlineImageDescriber;
    }

    @Override
    public void configure() {
        // Errors travel up to the ai.worker consumer, which retries or fails the job.
        errorHandler(noErrorHandler());

        from("direct:step-analyze-image").routeId("ai.analyze-image")
                .process(imageEvidenceLoader)
                .filter(exchangeProperty(AegisHeaders.STEP_SKIPPED).isNull())
                    // The provider is fixed at start-up, so the branch is chosen once, here.
                    .to(offline ? "direct:analyze-image-offline" : "direct:analyze-image-model")
                .end()
                .process(imageAnalysisRecorder);

        from("direct:analyze-image-offline").routeId("ai.analyze-image-offline")
                .process(offlineImageDescriber);
    }
}
