package io.aegis.media.image;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ProcessedObjects;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Stores a step's thumbnails, made at the sizes routes/thumbnail-sizes.yaml sets ({@code aegis.thumbnailSizes}), in
 * the processed bucket and lists them as {@code thumbnail} renditions with their real dimensions. libvips has made
 * them when the {@link ThumbnailPlan} says so; otherwise they are rendered here by the JDK ({@link Thumbnailer}).
 */
@Component("thumbnailMaker")
public class ThumbnailMaker implements Processor {

    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 4096;

    private final Thumbnailer thumbnailer;
    private final ProcessedObjects processed;
    private final AssetStore assets;

    public ThumbnailMaker(Thumbnailer thumbnailer, ProcessedObjects processed, AssetStore assets) {
        this.thumbnailer = thumbnailer;
        this.processed = processed;
        this.assets = assets;
    }

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        String tenant = message.getHeader(AegisHeaders.TENANT, String.class);
        String assetId = message.getHeader(AegisHeaders.ASSET_ID, String.class);
        ThumbnailPlan plan = ThumbnailPlan.of(exchange);
        List<Thumbnail> thumbnails = plan.byVips() ? plan.madeInRequestedOrder()
                : thumbnailer.render(plan.source(), plan.orientation(), plan.sizes(), plan.outDir());
        for (Thumbnail thumbnail : thumbnails) {
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
