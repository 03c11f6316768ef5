package io.aegis.media.pdf;

import io.aegis.platform.StepDeadline;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** The text of each page, in reading order, within a character budget for the whole document. */
final class PageTexts {

    // room for the line and page separators PDFBox writes after a page's text, which are stripped again
    private static final int SEPARATOR_SLACK = 1_024;

    private PageTexts() {
    }

    static List<String> extract(PDDocument document, int pageCount, long maxChars) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setLineSeparator("\n");
        List<String> pages = new ArrayList<>(pageCount);
        long chars = 0;
        for (int page = 1; page <= pageCount; page++) {
            StepDeadline.stopIfInterrupted();
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            // the cap stops a ToUnicode map that expands each glyph into long strings before the heap fills
            PageWriter writer = new PageWriter(maxChars - chars + SEPARATOR_SLACK, maxChars);
            stripper.writeText(document, writer);
            String text = writer.text().stripTrailing();
            chars += text.length();
            if (chars > maxChars) {
                throw tooMuchText(maxChars);
            }
            pages.add(text);
        }
        return pages;
    }

    private static StepFailure tooMuchText(long maxChars) {
        return new StepFailure(ErrorCode.LIMIT_EXCEEDED,
                String.format("the PDF holds more than %,d characters of text; that is the limit", maxChars));
    }

    /** Collects one page's text, refusing to grow past a cap. */
    private static final class PageWriter extends Writer {

        private final StringBuilder text = new StringBuilder();
        private final long cap;
        private final long maxChars;

        PageWriter(long cap, long maxChars) {
            this.cap = cap;
            this.maxChars = maxChars;
        }

        String text() {
            return text.toString();
        }

        @Override
        public void write(char[] chars, int off, int len) {
            StepDeadline.stopIfInterrupted();
            if (text.length() + (long) len > cap) {
                throw tooMuchText(maxChars);
            }
            text.append(chars, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
