package io.aegis.media.pdf;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Reads a PDF's facts and page texts with PDFBox, within {@link PdfLimits}. Whatever a broken or hostile
 * file does ends as a {@link StepFailure}; only failing to open the file itself is thrown as it is.
 */
public class PdfReader {

    /** Page count, version, encryption and document info; cheap, because no page content is decoded. */
    public PdfFacts probe(Path pdf, PdfLimits limits) {
        return read(pdf, document -> facts(document, limits));
    }

    /** The facts plus the text of every page, after checking that the page content is not a decompression bomb. */
    public PdfText extract(Path pdf, PdfLimits limits) {
        return read(pdf, document -> {
            PdfFacts facts = facts(document, limits);
            new ContentBudget(limits.maxDecodedStreamBytes()).check(document, facts.pageCount());
            return new PdfText(facts, PageTexts.extract(document, facts.pageCount(), limits.maxChars()));
        });
    }

    /** As {@link #extract(Path, PdfLimits)}, and renders the first-page preview and the scanned pages ({@link PageImages}). */
    public PdfText extract(Path pdf, PdfLimits limits, PageImages images) {
        return read(pdf, document -> {
            PdfFacts facts = facts(document, limits);
            new ContentBudget(limits.maxDecodedStreamBytes()).check(document, facts.pageCount());
            List<String> pages = PageTexts.extract(document, facts.pageCount(), limits.maxChars());
            return PageRenderer.render(document, facts, pages, images);
        });
    }

    private static PdfFacts facts(PDDocument document, PdfLimits limits) {
        int pageCount = document.getNumberOfPages();
        if (pageCount < 1) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the PDF has no pages");
        }
        if (pageCount > limits.maxPages()) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED,
                    "the PDF has " + pageCount + " pages; the limit is " + limits.maxPages());
        }
        return new PdfFacts(pageCount, String.valueOf(document.getVersion()), document.isEncrypted(),
                InfoEntries.of(document.getDocumentInformation()));
    }

    private static <T> T read(Path pdf, Reading<T> reading) {
        RandomAccessRead source = open(pdf);
        // temp-file-only cache: parsed streams spill to disk instead of growing the heap
        try (source; PDDocument document = Loader.loadPDF(source, "", null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            return reading.apply(document);
        } catch (InvalidPasswordException e) {
            throw failure(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "the PDF is password-protected; Aegis cannot read encrypted documents", e);
        } catch (StepFailure e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // PDFBox has already tried to repair the file; an NPE or a runaway recursion on hostile input means the same
            throw failure(ErrorCode.CORRUPT_MEDIA, "the file is damaged or is not a PDF, and could not be repaired", e);
        }
    }

    private static RandomAccessRead open(Path pdf) {
        try {
            return new RandomAccessReadBufferedFile(pdf.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + pdf, e);
        }
    }

    private static StepFailure failure(ErrorCode code, String message, Throwable cause) {
        StepFailure failure = new StepFailure(code, message);
        failure.initCause(cause);
        return failure;
    }

    @FunctionalInterface
    private interface Reading<T> {
        T apply(PDDocument document) throws IOException;
    }
}
