package io.aegis.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import io.aegis.testmedia.TestDrawings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SVGs are checked as XML before rendering: sizes in any unit, and hostile documents refused with their reason. */
class SvgHeaderTest {

    private static final long MAX_BYTES = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void absoluteUnitsBecomePixelsAndAViewBoxFillsInWhatIsMissing() {
        assertThat(SvgHeader.size("210mm", "297mm", null)).satisfies(d -> {
            assertThat(d.width()).isCloseTo(793.7, org.assertj.core.data.Offset.offset(0.1));
            assertThat(d.height()).isCloseTo(1122.5, org.assertj.core.data.Offset.offset(0.1));
        });
        assertThat(SvgHeader.size("100%", null, "0 0 640 480")).isEqualTo(new SvgHeader.Declared(640.0, 480.0));
        assertThat(SvgHeader.size("300", null, "0,0,600,200")).isEqualTo(new SvgHeader.Declared(300.0, 100.0));
        assertThat(SvgHeader.size("2in", "72pt", null)).isEqualTo(new SvgHeader.Declared(192.0, 96.0));
        assertThat(SvgHeader.size("50%", "10em", null).known()).isFalse();
    }

    @Test
    void anOrdinaryDrawingWithTheW3cDoctypeIsReadWithoutFetchingTheDtd() throws IOException {
        SvgHeader.Declared declared = SvgHeader.read(file(TestDrawings.withText("HELLO", 800, 200)), MAX_BYTES);

        assertThat(declared).isEqualTo(new SvgHeader.Declared(800.0, 200.0));
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileNeverRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET");
        Path svg = file(TestDrawings.externalEntity(secret.toUri().toString()));

        assertThatThrownBy(() -> SvgHeader.read(svg, MAX_BYTES)).isInstanceOf(StepFailure.class)
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("external entity").hasMessageNotContaining("TOPSECRET");
    }

    @Test
    void entityExpansionStopsAtTheLimit() throws IOException {
        Path svg = file(TestDrawings.billionLaughs());

        assertThatThrownBy(() -> SvgHeader.read(svg, MAX_BYTES)).isInstanceOf(StepFailure.class)
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    }

    @Test
    void brokenXmlAnotherRootAndOversizedFilesAreRefused() throws IOException {
        Path cut = file("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SvgHeader.read(cut, MAX_BYTES))
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
        Path html = file("<html><body/></html>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SvgHeader.read(html, MAX_BYTES))
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
        Path big = file(TestDrawings.withText("x".repeat(2000), 100, 100));
        assertThatThrownBy(() -> SvgHeader.read(big, 1000))
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    }

    private Path file(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dir, "d", ".svg"), content);
    }
}
