package io.aegis.media.document;

import java.time.Duration;

/**
 * How much of an office document or e-book Aegis is willing to read.
 *
 * @param maxBytes          larger files are refused before parsing
 * @param maxHtmlBytes      the same for HTML, whose parser holds the whole page as a tree
 * @param maxEntries        more zip entries than this (OOXML, OpenDocument, EPUB) is refused
 * @param maxInflatedBytes  more bytes out of the zip's entries together than this is refused (zip bombs)
 * @param maxChars          more extracted characters than this (whole document) is refused (Tika's write limit)
 * @param maxSections       more sections, sheets or slides than this is refused
 * @param timeout           a parse still running after this is abandoned: PROCESSING_TIMEOUT
 */
public record DocumentLimits(long maxBytes, long maxHtmlBytes, long maxEntries, long maxInflatedBytes, int maxChars,
                             int maxSections, Duration timeout) {

    public DocumentLimits {
        if (maxBytes < 1 || maxHtmlBytes < 1 || maxEntries < 1 || maxInflatedBytes < 1 || maxChars < 1 || maxSections < 1
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("document limits must be positive");
        }
    }

    long maxBytesOf(DocumentFormat format) {
        return format == DocumentFormat.HTML ? maxHtmlBytes : maxBytes;
    }
}
