package io.aegis.media.av;

import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Prepares ffmpeg to grab the poster frame: the keyframe at or before {@code aegis.media.video.poster-at}
 * of the duration. Taking the keyframe is about 3× faster than an exact seek and looks the same.
 */
@Component("posterCommand")
public class PosterCommand implements Processor {

    static final String POSTER_FILE = "poster.jpg";

    private final OriginalFiles originals;
    private final AssetStore assets;
    private final MediaProperties media;

    public PosterCommand(OriginalFiles originals, AssetStore assets, MediaProperties media) {
        this.originals = originals;
        this.assets = assets;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        Path original = originals.local(exchange);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        Double duration = assets.find(assetId).map(asset -> AvFacts.durationOf(asset.metadata())).orElse(null);
        double at = duration == null ? 0 : duration * media.video().posterAt();
        ToolRun.prepare(exchange, media.tools().ffmpeg(), List.of(
                "-nostdin", "-hide_banner", "-v", "error",
                "-protocol_whitelist", "file",
                // Input seek lands on the keyframe before the target; -noaccurate_seek keeps that frame
                // instead of decoding on to the exact time, so one frame is decoded.
                "-noaccurate_seek", "-ss", String.format(Locale.ROOT, "%.3f", at),
                "-i", original.toString(),
                "-frames:v", "1", "-q:v", "3", "-y",
                original.resolveSibling(POSTER_FILE).toString()), original.getParent(), media.toolTimeout());
    }
}
