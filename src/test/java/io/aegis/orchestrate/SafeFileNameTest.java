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
    void absolutePathsEncodedTraversalAndControlCharactersLeaveNothingToInterpret() {
        assertThat(SafeFileName.of("/etc/shadow")).isEqualTo("shadow");
        assertThat(SafeFileName.of("\\\\server\\share\\x.doc")).isEqualTo("x.doc");
        assertThat(SafeFileName.of("%2e%2e%2fsecret.txt")).isEqualTo("2e_2e_2fsecret.txt");
        assertThat(SafeFileName.of("\u0000\u0007\u001b[31m.txt")).isEqualTo("31m.txt");
        assertThat(SafeFileName.of("\u202Etxt.exe")).isEqualTo("txt.exe");
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

    @Test
    void anyNameAtAllBecomesOneSafeVisibleKeySegment() {
        java.util.Random random = new java.util.Random(20261122);
        String alphabet = "./\\:_-aZ09 \t\n\r\u0000\u202E\u2024\uFF0E\uFE52\u00E9\uD83D\uDE00";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(i % 100 == 0 ? 400 : 20);
            for (int j = 0; j < length; j++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String safe = SafeFileName.of(name.toString());
            assertThat(safe).as("from %s", name.codePoints().mapToObj(Integer::toHexString).toList()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}|file");
        }
    }
}
