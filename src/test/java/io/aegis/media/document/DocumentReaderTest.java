package io.aegis.media.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import io.aegis.testmedia.HostileDocuments;
import io.aegis.testmedia.TestDocuments;
import io.aegis.testmedia.TestDocuments.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every office and e-book format gives its text per section, sheet or slide, with its properties; every hostile
 * one ends with the code that says why, and never reads a file or URL it names.
 */
class DocumentReaderTest {

    static final DocumentLimits LIMITS = new DocumentLimits(50L << 20, 5L << 20, 1000, 64L << 20, 1_000_000, 500,
            Duration.ofSeconds(30));
    static final List<Section> REPORT = List.of(
            Section.of("Harbour", "The fleet landed cod and haddock every morning this spring."),
            Section.of("Fuel", "Fuel prices rose sharply and the fleet shrank to fifteen boats."),
            Section.of("Storage", "The council proposed a cold-storage plant for the remaining boats."));

    private final ExecutorService pool = Executors.newFixedThreadPool(1);
    private final DocumentReader reader = new DocumentReader(pool, 1);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void flowingDocumentsAreSplitAtTheirHeadings() throws IOException {
        for (var entry : java.util.Map.of(
                DocumentFormat.DOCX, TestDocuments.docx("Harbour report", REPORT),
                DocumentFormat.ODT, TestDocuments.odt("Harbour report", REPORT),
                DocumentFormat.EPUB, TestDocuments.epub("Harbour report", REPORT),
                DocumentFormat.HTML, TestDocuments.html("Harbour report", REPORT)).entrySet()) {
            DocumentText text = read(entry.getKey(), entry.getValue());

            assertThat(text.properties()).as(entry.getKey().name()).containsEntry("title", "Harbour report");
            // a page's navigation before its first heading is a section of its own; the report's three follow
            List<DocumentText.Section> sections = text.sections().stream().filter(s -> s.title() != null).toList();
            assertThat(sections).as(entry.getKey().name()).hasSize(3);
            assertThat(sections.get(0).title()).as(entry.getKey().name()).endsWith("Harbour");
            assertThat(sections.get(0).text()).contains("cod and haddock").doesNotContain("Fuel prices");
            assertThat(sections.get(1).title()).isEqualTo("Fuel");
            assertThat(sections.get(1).text()).contains("fifteen boats");
            assertThat(sections.get(2).text()).contains("cold-storage plant");
        }
    }

    @Test
    void htmlIsItsTextNotItsMarkupScriptsOrStyles() throws IOException {
        DocumentText text = read(DocumentFormat.HTML, TestDocuments.html("Café report", REPORT));

        String all = String.join("\n", text.sections().stream().map(DocumentText.Section::text).toList());
        assertThat(all).contains("cod and haddock").contains("Café report")
                .doesNotContain("<", "analytics-bootstrap-code", "font-family", "class=");
    }

    @Test
    void slidesAndSheetsAreTheirOwnUnits() throws IOException {
        for (var format : List.of(DocumentFormat.PPTX, DocumentFormat.ODP)) {
            byte[] deck = format == DocumentFormat.PPTX ? TestDocuments.pptx(REPORT) : TestDocuments.odp(REPORT);
            List<DocumentText.Section> slides = read(format, deck).sections();
            assertThat(slides).as(format.name()).hasSize(3);
            assertThat(slides.get(1).title()).as(format.name()).isEqualTo("Fuel");
            assertThat(slides.get(1).text()).contains("fifteen boats").doesNotContain("haddock");
        }
        List<Section> sheets = List.of(Section.of("Catch", "species\tkilos", "cod\t1200"), Section.of("Boats", "name\tcrew", "Mary\t4"));
        for (var format : List.of(DocumentFormat.XLSX, DocumentFormat.ODS)) {
            byte[] book = format == DocumentFormat.XLSX ? TestDocuments.xlsx(sheets) : TestDocuments.ods(sheets);
            List<DocumentText.Section> parts = read(format, book).sections();
            assertThat(parts).as(format.name()).hasSize(2);
            assertThat(parts.get(0).text()).as(format.name()).isEqualTo("species\tkilos\ncod\t1200");
            assertThat(parts.get(1).title()).isEqualTo(format == DocumentFormat.XLSX ? "Boats" : "Sheet 2");
        }
    }

    @Test
    void rtfGivesItsParagraphs() throws IOException {
        DocumentText text = read(DocumentFormat.RTF, TestDocuments.rtf(REPORT));

        String all = text.sections().get(0).text();
        assertThat(all).contains("Harbour").contains("cod and haddock").contains("cold-storage plant");
    }

    @Test
    void aZipBombStopsAtTheInflateBudget() throws IOException {
        Path bomb = file(HostileDocuments.docxBomb(80L << 20));

        assertThatThrownBy(() -> reader.read(bomb, DocumentFormat.DOCX, LIMITS, LIMITS.timeout()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.LIMIT_EXCEEDED)).hasMessageContaining("decompresses");
    }

    @Test
    void tooManyEntriesAreRefusedFromTheDirectoryAlone() throws IOException {
        Path crowded = file(HostileDocuments.odtWithEntries(1500));

        assertThatThrownBy(() -> reader.probe(crowded, DocumentFormat.ODT, LIMITS))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.LIMIT_EXCEEDED)).hasMessageContaining("1,50");
        assertThatThrownBy(() -> reader.read(crowded, DocumentFormat.ODT, LIMITS, LIMITS.timeout()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    }

    @Test
    void externalEntitiesAreNeverResolved() throws IOException {
        String secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET").toUri().toString();
        // POI refuses any DTD in an OOXML part: the whole document is refused with that reason
        Path docx = file(HostileDocuments.docxWithExternalEntity(secret));
        assertThatThrownBy(() -> reader.read(docx, DocumentFormat.DOCX, LIMITS, LIMITS.timeout()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("DTD").hasMessageNotContaining("TOPSECRET");
        // Tika's XML reader for OpenDocument and EPUB leaves the entity out and reads the rest
        for (var entry : java.util.Map.of(
                DocumentFormat.ODT, HostileDocuments.odtWithExternalEntity(secret),
                DocumentFormat.EPUB, HostileDocuments.epubWithExternalEntity(secret)).entrySet()) {
            DocumentText text = read(entry.getKey(), entry.getValue());
            String all = String.join("\n", text.sections().stream().map(DocumentText.Section::text).toList());
            assertThat(all).as(entry.getKey().name()).contains("Visible words").doesNotContain("TOPSECRET");
        }
    }

    @Test
    void entityExpansionStopsAtTheParsersLimit() throws IOException {
        Path laughs = file(HostileDocuments.odtWithBillionLaughs());

        assertThatThrownBy(() -> reader.read(laughs, DocumentFormat.ODT, LIMITS, LIMITS.timeout()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.LIMIT_EXCEEDED)).hasMessageContaining("entit");
    }

    @Test
    void moreTextThanTheWriteLimitIsRefused() throws IOException {
        DocumentLimits small = new DocumentLimits(50L << 20, 5L << 20, 1000, 64L << 20, 10_000, 500, Duration.ofSeconds(30));
        Path big = file(TestDocuments.odt("Long", List.of(Section.of("Words", "word ".repeat(5_000)))));

        assertThatThrownBy(() -> reader.read(big, DocumentFormat.ODT, small, small.timeout()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.LIMIT_EXCEEDED)).hasMessageContaining("10,000");
    }

    @Test
    void aParseThatOutlivesItsDeadlineIsAbandoned() throws IOException {
        // A real workbook of 50 000 cells takes far longer than 1 ms to read.
        Path slow = file(HostileDocuments.largeWorkbook(50_000));

        assertThatThrownBy(() -> reader.read(slow, DocumentFormat.XLSX, LIMITS, Duration.ofMillis(1)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.PROCESSING_TIMEOUT));
    }

    @Test
    void oversizedAndDamagedFilesAreRefused() throws IOException {
        DocumentLimits tiny = new DocumentLimits(1000, 100, 1000, 64L << 20, 1_000_000, 500, Duration.ofSeconds(30));
        Path html = file(TestDocuments.html("Report", REPORT));
        assertThatThrownBy(() -> reader.probe(html, DocumentFormat.HTML, tiny))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
        byte[] docx = TestDocuments.docx("Report", REPORT);
        Path cut = file(java.util.Arrays.copyOf(docx, docx.length / 2));
        assertThatThrownBy(() -> reader.read(cut, DocumentFormat.DOCX, LIMITS, LIMITS.timeout()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CORRUPT_MEDIA));
    }

    private DocumentText read(DocumentFormat format, byte[] content) throws IOException {
        return reader.read(file(content), format, LIMITS, LIMITS.timeout());
    }

    private Path file(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dir, "doc", ".bin"), content);
    }

    private static ErrorCode code(Throwable e) {
        assertThat(e).isInstanceOf(StepFailure.class);
        return ((StepFailure) e).code();
    }
}
