package io.aegis.media.pdf;

/**
 * How much of a PDF Aegis is willing to read.
 *
 * @param maxPages              more pages than this fails the step
 * @param maxChars              more extracted characters than this (whole document) fails the step
 * @param maxDecodedStreamBytes more decoded page-content bytes than this (whole document) fails the step
 */
public record PdfLimits(int maxPages, long maxChars, long maxDecodedStreamBytes) {

    public PdfLimits {
        if (maxPages < 1 || maxChars < 1 || maxDecodedStreamBytes < 1) {
            throw new IllegalArgumentException("PDF limits must be positive: " + maxPages + ", " + maxChars + ", "
                    + maxDecodedStreamBytes);
        }
    }
}
