package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.ToolRun;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The libvips calls of a {@link ThumbnailPlan}, one per size through the tool runner: {@link #command} prepares
 * {@code vips thumbnail} for the next thumbnail, {@link #read} checks what it wrote. The largest is made from the
 * picture (libjpeg and libwebp then decode at 1/2, 1/4 or 1/8 scale, which is where libvips beats the JDK), each
 * smaller one from the one before. Exactly the planned width and height ({@code --size force}, so the renditions are
 * those the JDK path records), the EXIF orientation applied by libvips only when the step's own orientation says the
 * picture is turned ({@code --no-rotate} otherwise, so both renderers agree), damaged data refused rather than drawn
 * grey ({@code --fail-on error}: CORRUPT_MEDIA), and no metadata in the output ({@code strip}: no GPS in a thumbnail).
 * Alpha is kept: a picture with alpha is planned as PNG.
 */
@Component("vipsThumbnails")
public class VipsThumbnails {

    static final String TOOL = "vips";

    private final MediaProperties media;

    public VipsThumbnails(MediaProperties media) {
        this.media = media;
    }

    public void command(Exchange exchange) {
        ThumbnailPlan plan = ThumbnailPlan.of(exchange);
        Thumbnail next = plan.next();
        deleteStale(next);
        boolean fromPicture = plan.nextInput().equals(plan.source());
        ToolRun.prepare(exchange, media.tools().vips(), arguments(plan, next, fromPicture, media.image().jpegQuality()),
                plan.outDir(), media.toolTimeout());
    }

    public void read(Exchange exchange) {
        ThumbnailPlan plan = ThumbnailPlan.of(exchange);
        Thumbnail next = plan.next();
        ToolRun.require(exchange, TOOL, ErrorCode.CORRUPT_MEDIA);
        int[] written = written(next);
        if (written[0] != next.width() || written[1] != next.height()) {
            throw new StepFailure(ErrorCode.INTERNAL, String.format(Locale.ROOT, "libvips wrote a %d×%d thumbnail where "
                    + "%d×%d was asked for", written[0], written[1], next.width(), next.height()));
        }
        plan.made(next);
    }

    /**
     * The command line for one thumbnail. Every path is one the step made (the scratch copy of the original, or a
     * thumbnail), so none ends in {@code [...]}, which libvips would read as load options.
     */
    static List<String> arguments(ThumbnailPlan plan, Thumbnail next, boolean fromPicture, float jpegQuality) {
        List<String> args = new ArrayList<>(List.of("thumbnail", plan.nextInput().toString(),
                next.file() + saveOptions(next.format(), jpegQuality), Integer.toString(next.width()),
                "--height", Integer.toString(next.height()), "--size", "force", "--fail-on", "error"));
        if (!fromPicture || plan.orientation() < 2 || plan.orientation() > 8) {
            // a thumbnail is already upright, and a picture the step reads as upright stays so whatever its tags say
            args.add("--no-rotate");
        }
        return args;
    }

    private static String saveOptions(String format, float jpegQuality) {
        return "jpeg".equals(format) ? "[Q=" + Math.round(jpegQuality * 100) + ",strip]" : "[strip]";
    }

    private static int[] written(Thumbnail thumbnail) {
        try {
            return ThumbnailSource.dimensions(thumbnail.file());
        } catch (UncheckedIOException e) {
            throw new StepFailure(ErrorCode.INTERNAL, "libvips wrote no readable thumbnail "
                    + thumbnail.file().getFileName()).withDetail(e.getMessage());
        }
    }

    private static void deleteStale(Thumbnail thumbnail) {
        try {
            // a retried step must not read the thumbnail an earlier attempt left
            Files.deleteIfExists(thumbnail.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
