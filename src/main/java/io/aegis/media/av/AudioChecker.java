package io.aegis.media.av;

import io.aegis.media.MediaProperties;
import io.aegis.media.Scratch;
import io.aegis.media.StoredFile;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.StepFailure;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The speech-ready WAV ffmpeg extracted goes to the {@code aws2-s3} endpoint that stores it, unless it holds more sound
 * than the duration limit (a header that claimed less): LIMIT_EXCEEDED.
 */
@Component("audioChecker")
public class AudioChecker implements Processor {

    private final MediaProperties media;

    public AudioChecker(MediaProperties media) {
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        ToolRun.require(exchange, "ffmpeg", ErrorCode.CORRUPT_MEDIA);
        Path wav = Scratch.current(exchange).resolve(AudioExtractCommand.AUDIO_FILE);
        double seconds = AudioExtractCommand.secondsIn(wav.toFile().length());
        long limit = media.video().maxDuration().toSeconds();
        if (seconds > limit) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, "the recording holds more than " + limit
                    + " s of sound, whatever its header says; the limit is " + limit + " s");
        }
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        StoredFile.prepare(exchange, wav, ProcessedObjects.key(tenant, assetId, AudioExtractCommand.AUDIO_FILE), "audio/wav");
    }
}
