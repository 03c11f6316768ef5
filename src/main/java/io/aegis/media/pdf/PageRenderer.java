package io.aegis.media.pdf;

import io.aegis.media.image.OcrPages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders pages with PDFBox: the first page as a preview, and pages without a text layer for OCR. Images inside a page
 * are subsampled while rendering and no page gets more pixels than the limit, so a poster-sized page or a huge embedded
 * picture cannot fill the heap.
 */
final class PageRenderer {

    private static final Logger log = LoggerFactory.getLogger(PageRenderer.class);

    /** A page with fewer letters than this in its text layer is taken to be a scan. */
    static final int MIN_TEXT_LETTERS = 20;
    static final String PREVIEW_FILE = "preview.png";

    private PageRenderer() {
    }

    static PdfText render(PDDocument document, PdfFacts facts, List<String> pages, PageImages images) throws IOException {
        PDFRenderer renderer = new PDFRenderer(document);
        renderer.setSubsamplingAllowed(true);
        Path preview = images.dir().resolve(PREVIEW_FILE);
        try {
            BufferedImage first = renderer.renderImage(0, scaleFor(document.getPage(0).getCropBox(), images.previewLongSide(),
                    images.maxPixels()), ImageType.RGB);
            write(first, "png", preview);
        } catch (IOException | RuntimeException e) {
            // The text is what the step is for: a page PDFBox cannot draw costs the preview, not the document.
            log.warn("The first page cannot be rendered for a preview: {}", e.toString());
            preview = null;
        }

        List<PdfText.ScannedPage> scans = new ArrayList<>();
        List<Integer> unread = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            // A scan is a picture of a page: no text layer, but an image. A blank page needs no OCR.
            if (letters(pages.get(i)) >= MIN_TEXT_LETTERS || !drawsImages(document.getPage(i).getResources(), 0)) {
                continue;
            }
            if (scans.size() >= images.ocrMaxPages()) {
                unread.add(i + 1);
                continue;
            }
            PDRectangle box = document.getPage(i).getCropBox();
            float scale = Math.min(images.ocrDpi() / 72f, pixelCap(box, images.maxPixels()));
            try {
                BufferedImage page = renderer.renderImage(i, scale, ImageType.GRAY);
                Path file = images.dir().resolve("page-" + (i + 1) + ".bmp");
                OcrPages.write(page, file);
                scans.add(new PdfText.ScannedPage(i + 1, file, page.getWidth(), page.getHeight()));
            } catch (IOException | RuntimeException e) {
                log.warn("Page {} cannot be rendered for OCR: {}", i + 1, e.toString());
                unread.add(i + 1);
            }
        }
        return new PdfText(facts, pages, preview, scans, unread);
    }

    private static float scaleFor(PDRectangle box, int longSide, long maxPixels) {
        float points = Math.max(box.getWidth(), box.getHeight());
        return Math.min(points <= 0 ? 1 : longSide / points, pixelCap(box, maxPixels));
    }

    /** The largest scale (pixels per point) that keeps the page within {@code maxPixels}. */
    private static float pixelCap(PDRectangle box, long maxPixels) {
        double area = Math.max(1.0, (double) box.getWidth() * box.getHeight());
        return (float) Math.sqrt(maxPixels / area);
    }

    /** True when the page's resources hold an image, directly or in a form it uses (forms nest at most a few deep). */
    static boolean drawsImages(PDResources resources, int depth) {
        if (resources == null || depth > 3) {
            return false;
        }
        try {
            for (COSName name : resources.getXObjectNames()) {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject) {
                    return true;
                }
                if (object instanceof PDFormXObject form && drawsImages(form.getResources(), depth + 1)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // unreadable resources: let the renderer try, it decides what is on the page
        }
    }

    private static long letters(String text) {
        return text.codePoints().filter(Character::isLetter).count();
    }

    private static void write(BufferedImage image, String format, Path file) {
        try {
            ImageIO.write(image, format, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
