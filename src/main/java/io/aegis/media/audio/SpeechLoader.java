package io.aegis.media.audio;

import io.aegis.media.MediaProperties;
import io.aegis.media.Scratch;
import io.aegis.media.av.AudioExtractCommand;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.ProcessedObjects;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Fetches the speech-ready WAV extract-audio made. A recording with no audio rendition has nothing to
 * transcribe: the step is SKIPPED and the transcript recorded as unavailable, with the reason.
 */
@Component("speechLoader")
public class SpeechLoader implements Processor {

    static final String SPEECH = "aegis.speechFile";

    private final ProcessedObjects processed;
    private final AssetStore assets;
    private final MediaProperties media;

    public SpeechLoader(ProcessedObjects processed, AssetStore assets, MediaProperties media) {
        this.processed = processed;
        this.assets = assets;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        var audio = assets.find(assetId).flatMap(asset -> asset.renditions().stream()
                .filter(r -> "audio".equals(r.kind())).findFirst());
        if (audio.isEmpty()) {
            String reason = "the recording has no audio track";
            assets.update(assetId, asset -> asset.withInsights(asset.insights().withUnavailable("transcript", reason)));
            exchange.setProperty(AegisHeaders.STEP_SKIPPED, reason);
            return;
        }
        Path wav = Scratch.of(exchange, media.workDir()).resolve(AudioExtractCommand.AUDIO_FILE);
        processed.download(audio.get().key(), wav);
        exchange.setProperty(SPEECH, wav);
    }
}
