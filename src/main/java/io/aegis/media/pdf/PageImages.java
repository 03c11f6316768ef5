package io.aegis.media.pdf;

import java.nio.file.Path;

/**
 * What {@link PdfReader#extract(Path, PdfLimits, PageImages)} renders besides reading the text: the first page as a
 * preview, and the pages with no text layer (scans) for OCR, at most {@code ocrMaxPages} of them.
 *
 * @param dir             where the images are written (the step's scratch directory)
 * @param previewLongSide the preview's long side in pixels
 * @param ocrMaxPages     scanned pages rendered for OCR, at most; later ones are listed as unread
 * @param ocrDpi          resolution of a page rendered for OCR
 * @param maxPixels       no rendered page has more pixels than this (a poster-sized page is rendered coarser)
 */
public record PageImages(Path dir, int previewLongSide, int ocrMaxPages, int ocrDpi, long maxPixels) {
}
