package io.aegis.steps;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.Scratch;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ProcessedObjects;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The working directory of a step declared in routes/steps/, ready before its route runs: the original as
 * {@value #ORIGINAL}, a video's poster (when the poster step made one) as {@value #POSTER}, header
 * {@code aegis.picture} naming the still picture (the image itself, or the poster), {@code aegis.hasAudio} for
 * recordings. Its tools run in it and it is deleted when the step ends. Built-in steps are left alone: they fetch what
 * they need themselves.
 */
@Component("stepWorkspace")
public class StepWorkspace implements Processor {

    public static final String ORIGINAL = "original";
    public static final String POSTER = "poster.jpg";

    private final StepCatalog catalog;
    private final OriginalFiles originals;
    private final AssetStore assets;
    private final ProcessedObjects processed;
    private final MediaProperties media;

    public StepWorkspace(StepCatalog catalog, OriginalFiles originals, AssetStore assets, ProcessedObjects processed,
                         MediaProperties media) {
        this.catalog = catalog;
        this.originals = originals;
        this.assets = assets;
        this.processed = processed;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        String step = exchange.getMessage().getHeader(AegisHeaders.STEP, String.class);
        if (catalog.declaration(step).isEmpty()) {
            return;
        }
        Path dir = Scratch.of(exchange, media.workDir());
        originals.local(exchange);
        var message = exchange.getMessage();
        message.setBody(null);
        String mediaType = message.getHeader(AegisHeaders.MEDIA_TYPE, String.class);
        Optional<Asset> asset = assets.find(message.getHeader(AegisHeaders.ASSET_ID, String.class));
        if ("image".equals(mediaType)) {
            message.setHeader(AegisHeaders.PICTURE, ORIGINAL);
        }
        if ("video".equals(mediaType) || "audio".equals(mediaType)) {
            JsonNode metadata = asset.map(Asset::metadata).orElse(null);
            message.setHeader(AegisHeaders.HAS_AUDIO, metadata == null || metadata.path("hasAudio").asBoolean(true));
        }
        asset.flatMap(a -> a.renditions().stream().filter(r -> "poster".equals(r.kind())).findFirst()).ifPresent(poster -> {
            processed.download(poster.key(), dir.resolve(POSTER));
            message.setHeader(AegisHeaders.PICTURE, POSTER);
        });
    }
}
