package io.aegis.media.av;

import io.aegis.media.Scratch;
import io.aegis.media.ToolRun;
import io.aegis.media.image.ThumbnailSource;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.StepFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Stores the poster frame as the asset's {@code poster} rendition and hands it on to the thumbnailer. */
@Component("posterRecorder")
public class PosterRecorder implements Processor {

    private final ProcessedObjects processed;
    private final AssetStore assets;

    public PosterRecorder(ProcessedObjects processed, AssetStore assets) {
        this.processed = processed;
        this.assets = assets;
    }

    @Override
    public void process(Exchange exchange) {
        ToolRun.require(exchange, "ffmpeg", ErrorCode.CORRUPT_MEDIA);
        Path poster = Scratch.current(exchange).resolve(PosterCommand.POSTER_FILE);
        if (!Files.isRegularFile(poster)) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the video has no decodable picture");
        }
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        String key = ProcessedObjects.key(tenant, assetId, PosterCommand.POSTER_FILE);
        processed.put(key, poster, "image/jpeg");
        var size = ThumbnailSource.dimensions(poster);
        assets.update(assetId, asset -> asset.withRendition(
                new Asset.Rendition("poster", size[0], size[1], "jpeg", key)));
        ThumbnailSource.use(exchange, poster, 1);
    }
}
