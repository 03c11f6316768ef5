package io.aegis.media.image;

import io.aegis.media.ToolExecutor;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The libvips calls of the exchange's {@link ThumbnailPlan}, one per size through the tool runner (its deadline, OS
 * limits, output cap, and the scratch directory by which cancelling the job stops it). Nothing to do for a JDK plan.
 */
@Component
public class VipsThumbnailRoutes extends RouteBuilder {

    static final String ENDPOINT = "direct:vips-thumbnails";

    private final VipsThumbnails vipsThumbnails;

    public VipsThumbnailRoutes(VipsThumbnails vipsThumbnails) {
        this.vipsThumbnails = vipsThumbnails;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        from(ENDPOINT).routeId("media.vips-thumbnails")
                .loopDoWhile(ThumbnailPlan::hasNextVipsCall)
                    .bean(vipsThumbnails, "command")
                    .to(ToolExecutor.endpoint(VipsThumbnails.TOOL))
                    .bean(vipsThumbnails, "read")
                .end();
    }
}
