package io.aegis.media.av;

import io.aegis.media.MediaProperties;
import io.aegis.media.Scratch;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.StepFailure;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Stores the extracted speech-ready WAV as the {@code audio} rendition, where the transcribe step finds it; unless
 * it holds more sound than the duration limit (a header that claimed less): LIMIT_EXCEEDED.
 */
@Component("audioRecorder")
public class AudioRecorder implements Processor {

    private final ProcessedObjects processed;
    private final AssetStore assets;
    private final MediaProperties media;

    public AudioRecorder(ProcessedObjects processed, AssetStore assets, MediaProperties media) {
        this.processed = processed;
        this.assets = assets;
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
        String key = ProcessedObjects.key(tenant, assetId, AudioExtractCommand.AUDIO_FILE);
        processed.put(key, wav, "audio/wav");
        assets.update(assetId, asset -> asset.withRendition(new Asset.Rendition("audio", null, null, "wav", key)));
    }
}
