package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.Scratch;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ProcessedObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Makes the thumbnails at the sizes routes/thumbnail-sizes.yaml set ({@code aegis.thumbnailSizes}), stores
 * them in the processed bucket and lists them as {@code thumbnail} renditions with their real dimensions.
 */
@Component("thumbnailMaker")
public class ThumbnailMaker implements Processor {

    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 4096;

    private final Thumbnailer thumbnailer;
    private final OriginalFiles originals;
    private final ProcessedObjects processed;
    private final AssetStore assets;
    private final MediaProperties media;

    public ThumbnailMaker(Thumbnailer thumbnailer, OriginalFiles originals, ProcessedObjects processed,
                          AssetStore assets, MediaProperties media) {
        this.thumbnailer = thumbnailer;
        this.originals = originals;
        this.processed = processed;
        this.assets = assets;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        var message = exchange.getMessage();
        String tenant = message.getHeader(AegisHeaders.TENANT, String.class);
        String assetId = message.getHeader(AegisHeaders.ASSET_ID, String.class);
        List<Integer> sizes = sizes(message.getHeader(AegisHeaders.THUMBNAIL_SIZES, String.class));

        Path source = exchange.getProperty(ThumbnailSource.FILE, Path.class);
        int orientation;
        if (source == null) {
            source = DecodedImage.orOriginal(exchange, originals);
            orientation = assets.metadata(assetId).path("orientation").asInt(1);
        } else {
            orientation = exchange.getProperty(ThumbnailSource.ORIENTATION, 1, Integer.class);
        }
        Path outDir = Files.createDirectories(Scratch.of(exchange, media.workDir()).resolve("thumbnails"));
        for (Thumbnail thumbnail : thumbnailer.render(source, orientation, sizes, outDir)) {
            String key = ProcessedObjects.key(tenant, assetId, thumbnail.file().getFileName().toString());
            processed.put(key, thumbnail.file(), "png".equals(thumbnail.format()) ? "image/png" : "image/jpeg");
            assets.update(assetId, asset -> asset.withRendition(new Asset.Rendition(
                    "thumbnail", thumbnail.width(), thumbnail.height(), thumbnail.format(), key)));
        }
    }

    /** The sizes from the route, refusing nonsense an edit could introduce (0, negative, 50 000). */
    static List<Integer> sizes(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("routes/thumbnail-sizes.yaml set no thumbnail sizes");
        }
        List<Integer> sizes = Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Integer::valueOf).distinct().sorted().toList();
        for (int size : sizes) {
            if (size < MIN_SIZE || size > MAX_SIZE) {
                throw new IllegalArgumentException("thumbnail size " + size + " is outside " + MIN_SIZE + ".." + MAX_SIZE);
            }
        }
        return sizes;
    }
}
