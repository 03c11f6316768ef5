package io.aegis.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeFileNameTest {

    @Test
    void pathTraversalLosesItsDirectories() {
        assertThat(SafeFileName.of("../../etc/passwd")).isEqualTo("passwd");
        assertThat(SafeFileName.of("C:\\Users\\x\\report.pdf")).isEqualTo("report.pdf");
    }

    @Test
    void unsafeCharactersBecomeUnderscoresAndHiddenNamesAreNot() {
        assertThat(SafeFileName.of("my file (1).txt")).isEqualTo("my_file_1_.txt");
        assertThat(SafeFileName.of(".bashrc")).isEqualTo("bashrc");
        assertThat(SafeFileName.of("a\r\nb.txt")).isEqualTo("a_b.txt");
    }

    @Test
    void nothingUsableFallsBackToFile() {
        assertThat(SafeFileName.of(null)).isEqualTo("file");
        assertThat(SafeFileName.of("..")).isEqualTo("file");
        assertThat(SafeFileName.of("dir/")).isEqualTo("file");
    }

    @Test
    void longNamesKeepTheirExtension() {
        String name = SafeFileName.of("x".repeat(500) + ".txt");
        assertThat(name).hasSize(200).endsWith(".txt");
    }
}
