package io.aegis.media.av;

import io.aegis.media.ToolExecutor;
import io.aegis.media.image.ImageRoutes;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.ProcessedObjects;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The video and audio flow up to transcription: ffprobe (in the metadata step), the poster frame and its
 * thumbnails, and the soundtrack as 16 kHz mono WAV. Every tool call goes through camel-exec, and what only moves
 * bytes (the poster, the WAV into the processed bucket) goes through aws2-s3, as in a step file (routes/steps/).
 */
@Component
public class RecordingRoutes extends RouteBuilder {

    private final ResourceNames names;
    private final FfprobeCommand ffprobeCommand;
    private final FfprobeReader ffprobeReader;
    private final PosterCommand posterCommand;
    private final PosterChecker posterChecker;
    private final PosterRecorder posterRecorder;
    private final AudioExtractCommand audioExtractCommand;
    private final AudioChecker audioChecker;
    private final AudioRecorder audioRecorder;

    public RecordingRoutes(ResourceNames names, FfprobeCommand ffprobeCommand, FfprobeReader ffprobeReader,
                           PosterCommand posterCommand, PosterChecker posterChecker, PosterRecorder posterRecorder,
                           AudioExtractCommand audioExtractCommand,
                           AudioChecker audioChecker, AudioRecorder audioRecorder) {
        this.names = names;
        this.ffprobeCommand = ffprobeCommand;
        this.ffprobeReader = ffprobeReader;
        this.posterCommand = posterCommand;
        this.posterChecker = posterChecker;
        this.posterRecorder = posterRecorder;
        this.audioExtractCommand = audioExtractCommand;
        this.audioChecker = audioChecker;
        this.audioRecorder = audioRecorder;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        String processedBucket = ProcessedObjects.endpoint(names);

        from("direct:probe-av").routeId("media.probe-av")
                .process(ffprobeCommand)
                .to(ToolExecutor.endpoint("ffprobe"))
                .process(ffprobeReader);

        from("direct:step-poster").routeId("media.poster")
                .process(posterCommand)
                .to(ToolExecutor.endpoint("ffmpeg"))
                .process(posterChecker)
                .toD(processedBucket)
                .process(posterRecorder)
                // The poster gets the same thumbnails an image would.
                .to("direct:thumbnail-sizes")
                .to(ImageRoutes.MAKE_THUMBNAILS);

        from("direct:step-extract-audio").routeId("media.extract-audio")
                .process(audioExtractCommand)
                // A silent video skips the step: nothing to run.
                .filter(exchangeProperty(AegisHeaders.STEP_SKIPPED).isNull())
                    .to(ToolExecutor.endpoint("ffmpeg"))
                    .process(audioChecker)
                    .toD(processedBucket)
                    .process(audioRecorder)
                .end();
    }
}
