package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.Scratch;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import io.aegis.state.StepFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Makes the page tesseract reads from the original image: turned upright by its EXIF orientation, put on a background
 * that contrasts with its ink when it has transparency (white text on a transparent diagram goes on black), in grey
 * levels, at most {@code aegis.media.pdf.render-max-pixels} (a larger picture is read subsampled). Starts the
 * {@link OcrScan} for {@code direct:ocr-scan}.
 */
@Component("ocrImagePreparer")
public class OcrImagePreparer implements Processor {

    static final String PAGE_FILE = "ocr-page.bmp";

    private final OriginalFiles originals;
    private final AssetStore assets;
    private final MediaProperties media;

    public OcrImagePreparer(OriginalFiles originals, AssetStore assets, MediaProperties media) {
        this.originals = originals;
        this.assets = assets;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        int orientation = assets.metadata(assetId).path("orientation").asInt(1);
        // HEIC, AVIF and SVG: the picture the decode route made (upright already: their orientation is 1).
        BufferedImage page = OcrPages.upright(OcrPages.flattened(decode(DecodedImage.orOriginal(exchange, originals))),
                orientation);
        Path file = Scratch.of(exchange, media.workDir()).resolve(PAGE_FILE);
        OcrPages.write(page, file);
        exchange.setProperty(OcrScan.PROPERTY, new OcrScan(file, page.getWidth(), page.getHeight()));
    }

    private BufferedImage decode(Path source) {
        ImageReader reader = ImageReaders.open(source, true);
        try {
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            PixelLimit.check(width, height, media.image().maxPixels());
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.ceil(Math.sqrt((double) width * height / media.pdf().renderMaxPixels()));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw e instanceof StepFailure ? (StepFailure) e : ImageReaders.corrupt("the image data cannot be decoded", e);
        } finally {
            ImageReaders.close(reader);
        }
    }
}
