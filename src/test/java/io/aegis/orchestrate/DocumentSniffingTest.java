package io.aegis.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.testmedia.HostileDocuments;
import io.aegis.testmedia.TestDocuments;
import io.aegis.testmedia.TestDocuments.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Office documents are recognised from their bytes: OpenDocument, EPUB, RTF and HTML from the first bytes, Word,
 * Excel and PowerPoint (which start like any zip) from their parts; a zip too crowded to open keeps its first guess.
 */
class DocumentSniffingTest {

    private static final List<Section> ONE = List.of(Section.of("Title", "Some words."));

    private final MimeSniffer sniffer = new MimeSniffer();

    @TempDir
    Path dir;

    @Test
    void everyDocumentFormatIsTheDocumentKind() throws IOException {
        assertThat(sniff(TestDocuments.docx("t", ONE))).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(sniff(TestDocuments.xlsx(ONE))).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(sniff(TestDocuments.pptx(ONE))).isEqualTo("application/vnd.openxmlformats-officedocument.presentationml.presentation");
        assertThat(sniff(TestDocuments.odt("t", ONE))).isEqualTo("application/vnd.oasis.opendocument.text");
        assertThat(sniff(TestDocuments.ods(ONE))).isEqualTo("application/vnd.oasis.opendocument.spreadsheet");
        assertThat(sniff(TestDocuments.odp(ONE))).isEqualTo("application/vnd.oasis.opendocument.presentation");
        assertThat(sniff(TestDocuments.epub("t", ONE))).isEqualTo("application/epub+zip");
        assertThat(sniff(TestDocuments.rtf(ONE))).isEqualTo("application/rtf");
        assertThat(sniff(TestDocuments.html("t", ONE))).isEqualTo("text/html");
        for (byte[] document : List.of(TestDocuments.docx("t", ONE), TestDocuments.epub("t", ONE), TestDocuments.html("t", ONE))) {
            assertThat(MediaKind.of(sniff(document))).isEqualTo(MediaKind.DOCUMENT);
        }
    }

    @Test
    void aPlainZipStaysAZipAndACrowdedOneIsNotOpened() throws IOException {
        byte[] zip = TestDocuments.zip(null, java.util.Map.of("notes.txt", "hello".getBytes()));
        assertThat(MediaKind.of(sniff(zip))).isEqualTo(MediaKind.OTHER);

        byte[] crowded = HostileDocuments.odtWithEntries(1500);
        String head = sniffer.detect(Arrays.copyOf(crowded, 65536));
        Path file = Files.write(dir.resolve("crowded"), crowded);
        // an ODF is named by its first bytes already; a crowded OOXML would keep x-tika-ooxml, still a document to refuse
        assertThat(sniffer.refine(head, file, 1000)).isEqualTo(head);
    }

    private String sniff(byte[] content) throws IOException {
        String head = sniffer.detect(Arrays.copyOf(content, Math.min(content.length, 65536)));
        return sniffer.refine(head, Files.write(Files.createTempFile(dir, "f", ""), content), 1000);
    }
}
