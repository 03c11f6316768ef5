package io.aegis.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownNormaliserTest {

    static final String README = """
            # Harbour tools

            The harbour tools keep a ledger of every [vessel](https://example.org/vessels) that enters the port.
            See <https://example.org/docs> for more.

            ## Install

            ```bash
            git clone https://example.org/harbour.git && make install
            ```

            | command | what it does |
            |---------|--------------|
            | `ledger add` | records a vessel |

                indented code stays out too

            - Each entry records the **name** of the ship and its `cargo`.
            - ![diagram](docs/diagram.png) The berth is chosen by the harbour master.

            <div align="center">badges</div>
            """;

    private final MarkdownNormaliser normaliser = new MarkdownNormaliser();

    @Test
    void markdownBecomesProseWithoutCodeTablesOrLinkSyntax() {
        String prose = normaliser.normalise(README);

        assertThat(prose).contains("Harbour tools", "keep a ledger of every vessel that enters the port",
                "Each entry records the name of the ship and its cargo.", "The berth is chosen by the harbour master.");
        assertThat(prose).doesNotContain("```", "git clone", "make install", "|", "---", "ledger add", "](", "https://",
                "indented code", "**", "`", "#", "<div", "badges", "diagram");
    }

    @Test
    void blocksAreSeparatedSoHeadingsAreNotGluedToParagraphs() {
        assertThat(normaliser.normalise(README)).startsWith("Harbour tools\n\nThe harbour tools");
    }

    @Test
    void markdownIsRecognisedByTypeNameOrUnmistakableContent() {
        assertThat(normaliser.handles("text/markdown", "notes", "plain words")).isTrue();
        assertThat(normaliser.handles("text/plain", "README.md", "plain words")).isTrue();
        assertThat(normaliser.handles("text/plain", "notes.txt", README)).isTrue();
        assertThat(normaliser.handles("text/plain", "notes.txt", "Dear team,\n\nthe harbour opens at six.\n    Indented, not code.")).isFalse();
        assertThat(normaliser.handles("application/json", "data.json", README)).isFalse();
    }

    @Test
    void theSeamPicksMarkdownForMarkdownAndLeavesPlainTextAlone() {
        TextNormalisers normalisers = new TextNormalisers(List.of(normaliser));

        assertThat(normalisers.normalise("text/plain", "README.md", README)).doesNotContain("```");
        assertThat(normalisers.normalise("text/plain", "notes.txt", "Line one.\n    Line two, indented.")).contains("Line two");
    }
}
