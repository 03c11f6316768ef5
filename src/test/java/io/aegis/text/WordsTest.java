package io.aegis.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

public class WordsTest {

    public static final List<Path> DEBIAN = List.of(Path.of("/usr/share/hunspell/en_US"), Path.of("/usr/share/hunspell/en_GB"));

    @Test
    void wordsNumbersAndCodesHaveTheShapeOfWritingAndMisreadingsDoNot() {
        for (String token : List.of("harbour", "Harbour", "HARBOUR", "fleet,", "(2024)", "don't", "well-known", "1,234.56",
                "12:30", "2024-09-03", "15%", "INV-2024-0042", "bzip2", "€18", "a", "I")) {
            assertThat(WordShape.isWordlike(token)).as(token).isTrue();
        }
        for (String token : List.of("SUONesedo", "a}eJ", "|/eJUleY", "Ajn{", "aun{", "|", "—", "SaJ}OWI|||IW", "JaQqudsAon", "")) {
            assertThat(WordShape.isWordlike(token)).as(token).isFalse();
        }
        assertThat(WordShape.isAlphabetic("harbour.")).isTrue();
        assertThat(WordShape.isAlphabetic("4217")).isFalse();
    }

    @Test
    void hunspellKnowsEnglishInBothSpellingsAndItsInflectionsButNotGibberish() {
        assumeTrue(DEBIAN.stream().allMatch(p -> Files.isReadable(Path.of(p + ".dic"))) || System.getenv("CI") != null,
                "Debian's hunspell-en-us and hunspell-en-gb are not installed (make test installs them)");
        EnglishWords english = new EnglishWords(DEBIAN);

        assertThat(english.available()).isTrue();
        for (String word : List.of("harbour", "HARBOUR", "harbor", "payments", "rotated", "millimetres", "Bergen", "rainfall")) {
            assertThat(english.isWord(word)).as(word).isTrue();
        }
        for (String word : List.of("bulpoous", "buijs", "qooosz", "yunyo", "ysnbny", "Jaquiaceq")) {
            assertThat(english.isWord(word)).as(word).isFalse();
        }
    }

    @Test
    void withoutDictionaryFilesNoWordIsKnownAndThatIsSaid() {
        EnglishWords none = new EnglishWords(List.of(Path.of("/nonexistent/en_XX")));

        assertThat(none.available()).isFalse();
        assertThat(none.isWord("harbour")).isFalse();
    }
}
