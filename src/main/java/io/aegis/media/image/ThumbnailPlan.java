package io.aegis.media.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * One thumbnail step's work, kept on the exchange between {@link ThumbnailPlanner}, the libvips calls
 * ({@link VipsThumbnails}) and {@link ThumbnailMaker}: the picture, how it is turned, the sizes, and, when libvips makes
 * them, the thumbnails still to make (largest first, each from the one before) and those made.
 */
public final class ThumbnailPlan {

    static final String PROPERTY = "aegis.thumbnailPlan";

    private final Path source;
    private final int orientation;
    private final List<Integer> sizes;
    private final Path outDir;
    private final List<Thumbnail> byVips;
    private final List<Thumbnail> made = new ArrayList<>();

    private ThumbnailPlan(Path source, int orientation, List<Integer> sizes, Path outDir, List<Thumbnail> byVips) {
        this.source = source;
        this.orientation = orientation;
        this.sizes = List.copyOf(sizes);
        this.outDir = outDir;
        this.byVips = List.copyOf(byVips);
    }

    /** The JDK renders every size ({@link Thumbnailer}). */
    static ThumbnailPlan jdk(Path source, int orientation, List<Integer> sizes, Path outDir) {
        return new ThumbnailPlan(source, orientation, sizes, outDir, List.of());
    }

    /** libvips makes {@code planned} ({@link Thumbnailer#plan}), one call each. */
    static ThumbnailPlan vips(Path source, int orientation, List<Integer> sizes, Path outDir, List<Thumbnail> planned) {
        if (planned.isEmpty()) {
            throw new IllegalArgumentException("a libvips plan needs at least one thumbnail");
        }
        return new ThumbnailPlan(source, orientation, sizes, outDir, planned);
    }

    static ThumbnailPlan of(Exchange exchange) {
        ThumbnailPlan plan = exchange.getProperty(PROPERTY, ThumbnailPlan.class);
        if (plan == null) {
            throw new IllegalStateException("no thumbnail plan on the exchange: the planner did not run");
        }
        return plan;
    }

    void attach(Exchange exchange) {
        exchange.setProperty(PROPERTY, this);
    }

    Path source() {
        return source;
    }

    int orientation() {
        return orientation;
    }

    List<Integer> sizes() {
        return sizes;
    }

    Path outDir() {
        return outDir;
    }

    boolean byVips() {
        return !byVips.isEmpty();
    }

    /** Whether libvips has a thumbnail left to make; false for a JDK plan. */
    public static boolean hasNextVipsCall(Exchange exchange) {
        ThumbnailPlan plan = of(exchange);
        return plan.made.size() < plan.byVips.size();
    }

    /** The next thumbnail libvips makes. */
    Thumbnail next() {
        return byVips.get(made.size());
    }

    /** What the next one is made from: the picture for the largest, the previous thumbnail for the others. */
    Path nextInput() {
        return made.isEmpty() ? source : made.get(made.size() - 1).file();
    }

    void made(Thumbnail thumbnail) {
        made.add(thumbnail);
    }

    /** The thumbnails libvips made, in the order the sizes were asked for (as {@link Thumbnailer#render} returns them). */
    List<Thumbnail> madeInRequestedOrder() {
        return sizes.stream().distinct()
                .map(size -> made.stream().filter(t -> t.longSide() == size).findFirst()
                        .orElseThrow(() -> new IllegalStateException("libvips made no " + size + " px thumbnail")))
                .toList();
    }
}
