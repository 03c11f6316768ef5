package io.aegis.media.av;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.media.MediaProperties;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Turns ffprobe's answer into the asset's metadata, enforces the duration limit (an unknown duration is over it),
 * and settles the media
 * kind from the streams actually present: a container with no picture is audio, whatever its MIME type.
 */
@Component("ffprobeReader")
public class FfprobeReader implements Processor {

    private final ObjectMapper json;
    private final MediaProperties media;

    public FfprobeReader(ObjectMapper json, MediaProperties media) {
        this.json = json;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        String output = ToolRun.require(exchange, "ffprobe", ErrorCode.CORRUPT_MEDIA);
        AvFacts facts;
        try {
            facts = AvFacts.from(json.readTree(output));
        } catch (JsonProcessingException e) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "ffprobe could not describe the file");
        }
        if (!facts.hasVideo() && !facts.hasAudio()) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the file has no audio or video stream");
        }
        Duration limit = media.video().maxDuration();
        // A recording that does not say how long it is could be any length: it counts as over the limit.
        if (facts.durationSeconds() == null) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, "the recording does not state its duration, so it cannot be "
                    + "checked against the limit of " + limit.toSeconds() + " s; remux it with its duration (ffmpeg -c copy)");
        }
        if (facts.durationSeconds() > limit.toSeconds()) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, "the recording lasts " + Math.round(facts.durationSeconds())
                    + " s; the limit is " + limit.toSeconds() + " s");
        }
        var message = exchange.getMessage();
        message.setHeader(AegisHeaders.MEDIA_TYPE, facts.hasVideo() ? "video" : "audio");
        message.setHeader(AegisHeaders.HAS_AUDIO, facts.hasAudio());
        message.setBody(null);
        exchange.setProperty(AegisHeaders.METADATA, facts.metadata());
    }
}
