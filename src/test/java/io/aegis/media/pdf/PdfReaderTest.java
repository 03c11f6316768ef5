package io.aegis.media.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import io.aegis.testmedia.TestPdfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the PDF steps get back from a PDF, and how every kind of bad PDF fails. */
class PdfReaderTest {

    private static final long MB = 1024 * 1024;
    private static final PdfLimits LIMITS = new PdfLimits(100, 1_000_000, 10 * MB);

    private final PdfReader reader = new PdfReader();

    @TempDir
    Path dir;

    @Test
    void theFirstPageIsRenderedAsAPreviewAndOnlyScannedPagesForOcrWithinTheBudget() throws IOException {
        byte[] typed = TestPdfs.pages("Berth report", "The cold storage plant opened in March.", "Fuel moved to Tuesdays.",
                "The quay was repaired.");
        // Every page a picture with no text layer; the budget is two pages.
        Path pdf = write(TestPdfs.scanned(typed, 72));

        PdfText text = reader.extract(pdf, LIMITS, new PageImages(dir, 300, 2, 100, 4_000_000));

        assertThat(text.preview()).isRegularFile();
        java.awt.image.BufferedImage preview = javax.imageio.ImageIO.read(text.preview().toFile());
        assertThat(Math.max(preview.getWidth(), preview.getHeight())).isEqualTo(300);
        assertThat(text.scans()).extracting(PdfText.ScannedPage::number).containsExactly(1, 2);
        assertThat(text.scans()).allSatisfy(page -> assertThat(page.image()).isRegularFile());
        assertThat(text.unread()).containsExactly(3);
    }

    @Test
    void aTypedPdfAndABlankPageNeedNoOcrAndThePreviewStaysWithinThePixelLimit() throws IOException {
        Path pdf = write(TestPdfs.pages("Notes", "The harbour opens at six.", ""));

        PdfText text = reader.extract(pdf, LIMITS, new PageImages(dir, 100_000, 20, 200, 1_000_000));

        assertThat(text.scans()).isEmpty();
        java.awt.image.BufferedImage preview = javax.imageio.ImageIO.read(text.preview().toFile());
        assertThat((long) preview.getWidth() * preview.getHeight()).isLessThanOrEqualTo(1_000_000);
    }

    @Test
    void pagesComeBackInOrderWithTheDocumentInfo() throws IOException {
        Path pdf = write(TestPdfs.pages("Quarterly report", "First page", "Second page\nstill second", "Third page"));

        PdfText text = reader.extract(pdf, LIMITS);

        assertThat(text.pages()).containsExactly("First page", "Second page\nstill second", "Third page");
        assertThat(text.facts().pageCount()).isEqualTo(3);
        assertThat(text.facts().encrypted()).isFalse();
        assertThat(text.facts().pdfVersion()).matches("\\d\\.\\d");
        assertThat(text.facts().info()).containsEntry("title", "Quarterly report")
                .containsEntry("author", TestPdfs.AUTHOR)
                .containsEntry("creationDate", TestPdfs.CREATED)
                .doesNotContainKeys("subject", "keywords", "modificationDate");
        assertThat(text.facts().info().keySet()).startsWith("title", "author");
    }

    @Test
    void probeGivesTheSameFactsWithoutText() throws IOException {
        Path pdf = write(TestPdfs.pages("Probe me", "one", "two"));

        assertThat(reader.probe(pdf, LIMITS)).isEqualTo(reader.extract(pdf, LIMITS).facts());
    }

    @Test
    void tooManyPagesIsALimitBothForProbeAndExtract() throws IOException {
        Path pdf = write(TestPdfs.pages("Long", "1", "2", "3"));
        PdfLimits twoPages = new PdfLimits(2, 1_000_000, 10 * MB);

        for (var read : new PdfRead[] {reader::probe, reader::extract}) {
            assertThatThrownBy(() -> read.apply(pdf, twoPages))
                    .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
                    .hasMessage("the PDF has 3 pages; the limit is 2");
        }
    }

    @Test
    void tooMuchTextIsALimit() throws IOException {
        Path pdf = write(TestPdfs.pages("Wordy", "a".repeat(40), "b".repeat(40)));

        assertThat(reader.extract(pdf, new PdfLimits(100, 80, 10 * MB)).pages()).hasSize(2);
        assertThatThrownBy(() -> reader.extract(pdf, new PdfLimits(100, 79, 10 * MB)))
                .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
                .hasMessageContaining("79 characters");
    }

    @Test
    void anInflationBombIsStoppedQuicklyWithoutFillingTheHeap() throws IOException {
        Path pdf = write(TestPdfs.inflationBomb(256 * MB));
        assertThat(Files.size(pdf)).isLessThan(MB);

        long allocatedBefore = allocatedByThisThread();
        long started = System.nanoTime();
        assertThatThrownBy(() -> reader.extract(pdf, LIMITS))
                .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
                .hasMessageContaining("decompression bomb");
        long millis = (System.nanoTime() - started) / 1_000_000;
        long allocated = allocatedByThisThread() - allocatedBefore;

        assertThat(millis).as("milliseconds to reject the bomb").isLessThan(2_000);
        // decoding the bomb whole, as PDFBox itself does, would allocate at least 256 MB
        assertThat(allocated).as("bytes allocated while rejecting the bomb").isLessThan(32 * MB);
    }

    @Test
    void aBombInsideAFormXObjectIsStoppedToo() throws IOException {
        Path pdf = write(TestPdfs.inflationBombInForm(64 * MB));

        assertThatThrownBy(() -> reader.extract(pdf, LIMITS))
                .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    }

    @Test
    void contentThatInflatesWithinTheLimitIsRead() throws IOException {
        Path pdf = write(TestPdfs.inflationBomb(MB));

        assertThat(reader.extract(pdf, LIMITS).pages()).containsExactly("");
    }

    @Test
    void aPdfThatNeedsAPasswordIsUnsupported() throws IOException {
        Path pdf = write(TestPdfs.passwordProtected());

        for (var read : new PdfRead[] {reader::probe, reader::extract}) {
            assertThatThrownBy(() -> read.apply(pdf, LIMITS))
                    .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE))
                    .hasMessage("the PDF is password-protected; Aegis cannot read encrypted documents");
        }
    }

    @Test
    void aPdfWithOnlyAnOwnerPasswordIsRead() throws IOException {
        Path pdf = write(TestPdfs.ownerPasswordOnly("Readable by anyone"));

        PdfText text = reader.extract(pdf, LIMITS);

        assertThat(text.pages()).containsExactly("Readable by anyone");
        assertThat(text.facts().encrypted()).isTrue();
        assertThat(text.facts().info()).containsEntry("title", "Encrypted");
    }

    @Test
    void bytesThatAreNotAPdfAreCorrupt() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);

        assertCorrupt(write(garbage));
        assertCorrupt(write("%PDF-1.7\nnothing else here\n".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aTruncatedPdfIsCorrupt() throws IOException {
        byte[] whole = TestPdfs.pages("Cut short", "First page", "Second page", "Third page");

        assertCorrupt(write(Arrays.copyOf(whole, whole.length / 3)));
    }

    @Test
    void aMissingFileIsNotBlamedOnTheMedia() {
        assertThatThrownBy(() -> reader.probe(dir.resolve("absent.pdf"), LIMITS)).isInstanceOf(UncheckedIOException.class);
    }

    private void assertCorrupt(Path pdf) {
        for (var read : new PdfRead[] {reader::probe, reader::extract}) {
            assertThatThrownBy(() -> read.apply(pdf, LIMITS))
                    .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
        }
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "test-", ".pdf"), bytes);
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @FunctionalInterface
    private interface PdfRead {
        Object apply(Path pdf, PdfLimits limits);
    }
}
