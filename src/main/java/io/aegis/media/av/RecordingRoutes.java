package io.aegis.media.av;

import io.aegis.media.ToolExecutor;
import io.aegis.platform.AegisHeaders;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The video and audio flow up to transcription: ffprobe (in the metadata step), the poster frame and its
 * thumbnails, and the soundtrack as 16 kHz mono WAV. Every tool call goes through camel-exec.
 */
@Component
public class RecordingRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        from("direct:probe-av").routeId("media.probe-av")
                .process("ffprobeCommand")
                .to(ToolExecutor.endpoint("ffprobe"))
                .process("ffprobeReader");

        from("direct:step-poster").routeId("media.poster")
                .process("posterCommand")
                .to(ToolExecutor.endpoint("ffmpeg"))
                .process("posterRecorder")
                // The poster gets the same thumbnails an image would.
                .to("direct:thumbnail-sizes")
                .process("thumbnailMaker");

        from("direct:step-extract-audio").routeId("media.extract-audio")
                .process("audioExtractCommand")
                // A silent video skips the step: nothing to run.
                .filter(exchangeProperty(AegisHeaders.STEP_SKIPPED).isNull())
                    .to(ToolExecutor.endpoint("ffmpeg"))
                    .process("audioRecorder")
                .end();
    }
}
