package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.Scratch;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Prepares the tool that turns an image ImageIO cannot read into one it can: heif-convert for HEIC/AVIF, rsvg-convert
 * for SVG. The header limits are checked again first (this step may run on another worker than the metadata step).
 * Sets {@link #TOOL} only when a tool must run; for every other image the original is read as it is.
 */
@Component("imageDecodeCommand")
public class ImageDecodeCommand implements Processor {

    static final String TOOL = "aegis.imageDecodeTool";
    static final String OUTPUT = "aegis.imageDecodeOutput";

    private final ImageProbe probe;
    private final OriginalFiles originals;
    private final MediaProperties media;

    public ImageDecodeCommand(ImageProbe probe, OriginalFiles originals, MediaProperties media) {
        this.probe = probe;
        this.originals = originals;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        exchange.removeProperty(TOOL);
        String mimeType = exchange.getMessage().getHeader(AegisHeaders.MIME_TYPE, String.class);
        ImageDecoder decoder = ImageDecoder.forMimeType(mimeType);
        if (decoder == ImageDecoder.IMAGE_IO) {
            return;
        }
        Path original = originals.local(exchange);
        ImageFacts facts = probe.probe(original, mimeType, media.image().maxPixels());
        Path dir = Files.createDirectories(Scratch.of(exchange, media.workDir()).resolve("decoded"));
        if (decoder == ImageDecoder.HEIF) {
            // JPEG unless there is alpha to keep: it encodes several times faster than PNG at 12 MP and more
            Path output = dir.resolve(facts.hasAlpha() ? "decoded.png" : "decoded.jpg");
            exchange.setProperty(OUTPUT, output);
            exchange.setProperty(TOOL, "heif-convert");
            ToolRun.prepare(exchange, media.tools().heifConvert(), List.of("--quiet", "-q", "95",
                    original.toString(), output.toString()), dir, media.toolTimeout());
        } else {
            // librsvg loads files referenced by an SVG only from its own directory and below: give it one holding
            // nothing else, and it has nothing to load (it never fetches URLs and runs no scripts)
            Path drawingDir = Files.createDirectories(dir.resolve("drawing"));
            Path drawing = Files.copy(original, drawingDir.resolve("drawing.svg"));
            Path output = dir.resolve("decoded.png");
            exchange.setProperty(OUTPUT, output);
            exchange.setProperty(TOOL, "rsvg-convert");
            String side = Integer.toString(probe.svgRenderSize());
            // transparency is kept: the thumbnails are PNG with alpha, and tesseract blends it on white itself
            ToolRun.prepare(exchange, media.tools().rsvgConvert(), List.of("--width", side, "--height", side,
                    "--keep-aspect-ratio", "--format", "png", "--output", output.toString(),
                    drawing.getFileName().toString()), drawingDir, media.toolTimeout());
        }
    }
}
