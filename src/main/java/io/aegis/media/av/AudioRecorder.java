package io.aegis.media.av;

import io.aegis.media.Scratch;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProcessedObjects;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Stores the extracted speech-ready WAV as the {@code audio} rendition, where the transcribe step finds it. */
@Component("audioRecorder")
public class AudioRecorder implements Processor {

    private final ProcessedObjects processed;
    private final AssetStore assets;

    public AudioRecorder(ProcessedObjects processed, AssetStore assets) {
        this.processed = processed;
        this.assets = assets;
    }

    @Override
    public void process(Exchange exchange) {
        ToolRun.require(exchange, "ffmpeg", ErrorCode.CORRUPT_MEDIA);
        Path wav = Scratch.current(exchange).resolve(AudioExtractCommand.AUDIO_FILE);
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String key = ProcessedObjects.key(tenant, assetId, AudioExtractCommand.AUDIO_FILE);
        processed.put(key, wav, "audio/wav");
        assets.update(assetId, asset -> asset.withRendition(new Asset.Rendition("audio", null, null, "wav", key)));
    }
}
