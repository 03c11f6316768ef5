package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.Scratch;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Decides who makes a step's thumbnails and attaches the {@link ThumbnailPlan}: libvips for the formats
 * {@code aegis.media.image.vips-thumbnail-formats} lists, the JDK for the rest. Before libvips is handed a file its
 * header is read here and the pixel limit applied (DECOMPRESSION_BOMB, nothing decoded), and the thumbnails are planned
 * to the pixel as the JDK would make them ({@link Thumbnailer#plan}), so the renditions do not depend on the renderer.
 */
@Component("thumbnailPlanner")
public class ThumbnailPlanner implements Processor {

    private final ImageProbe probe;
    private final OriginalFiles originals;
    private final AssetStore assets;
    private final MediaProperties media;

    public ThumbnailPlanner(ImageProbe probe, OriginalFiles originals, AssetStore assets, MediaProperties media) {
        this.probe = probe;
        this.originals = originals;
        this.assets = assets;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        var message = exchange.getMessage();
        String assetId = message.getHeader(AegisHeaders.ASSET_ID, String.class);
        List<Integer> sizes = ThumbnailMaker.sizes(message.getHeader(AegisHeaders.THUMBNAIL_SIZES, String.class));

        Path source = exchange.getProperty(ThumbnailSource.FILE, Path.class);
        int orientation;
        if (source == null) {
            source = DecodedImage.orOriginal(exchange, originals);
            orientation = assets.metadata(assetId).path("orientation").asInt(1);
        } else {
            orientation = exchange.getProperty(ThumbnailSource.ORIENTATION, 1, Integer.class);
        }
        Path outDir = Files.createDirectories(Scratch.of(exchange, media.workDir()).resolve("thumbnails"));
        plan(source, orientation, sizes, outDir).attach(exchange);
    }

    ThumbnailPlan plan(Path source, int orientation, List<Integer> sizes, Path outDir) {
        if (media.image().vipsThumbnailFormats().isEmpty()) {
            return ThumbnailPlan.jdk(source, orientation, sizes, outDir);
        }
        // header only: a decompression bomb is refused here, before any decoder sees it
        ImageFacts header = probe.header(source, media.image().maxPixels());
        if (!media.image().vipsThumbnailFormats().contains(header.format())) {
            return ThumbnailPlan.jdk(source, orientation, sizes, outDir);
        }
        return ThumbnailPlan.vips(source, orientation, sizes, outDir,
                Thumbnailer.plan(header.width(), header.height(), orientation, header.hasAlpha(), sizes, outDir));
    }
}
