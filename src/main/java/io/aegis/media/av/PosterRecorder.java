package io.aegis.media.av;

import io.aegis.media.Scratch;
import io.aegis.media.StoredFile;
import io.aegis.media.image.ThumbnailSource;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Once stored, the poster frame is the asset's {@code poster} rendition and goes on to the thumbnailer. */
@Component("posterRecorder")
public class PosterRecorder implements Processor {

    private final AssetStore assets;

    public PosterRecorder(AssetStore assets) {
        this.assets = assets;
    }

    @Override
    public void process(Exchange exchange) {
        String key = StoredFile.stored(exchange);
        Path poster = Scratch.current(exchange).resolve(PosterCommand.POSTER_FILE);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        var size = ThumbnailSource.dimensions(poster);
        assets.update(assetId, asset -> asset.withRendition(
                new Asset.Rendition("poster", size[0], size[1], "jpeg", key)));
        ThumbnailSource.use(exchange, poster, 1);
    }
}
