package io.aegis.media.av;

import io.aegis.media.StoredFile;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Once stored, the extracted WAV is the asset's {@code audio} rendition, where the transcribe step finds it. */
@Component("audioRecorder")
public class AudioRecorder implements Processor {

    private final AssetStore assets;

    public AudioRecorder(AssetStore assets) {
        this.assets = assets;
    }

    @Override
    public void process(Exchange exchange) {
        String key = StoredFile.stored(exchange);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        assets.update(assetId, asset -> asset.withRendition(new Asset.Rendition("audio", null, null, "wav", key)));
    }
}
