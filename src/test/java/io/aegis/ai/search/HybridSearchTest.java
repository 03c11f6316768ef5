package io.aegis.ai.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HybridSearchContract} over the in-process store: vectors in memory (saved to a file), words in Lucene. */
class HybridSearchTest extends HybridSearchContract {

    @TempDir
    Path dir;

    @Override
    PassageStore openStore() {
        return new LocalPassageStore(PersistedEmbeddingStore.open(dir.resolve("embeddings.json"), Duration.ZERO),
                new LuceneLexicalIndex(dir.resolve("lexical")));
    }

    @Test
    void aLongPassageIsCutAroundTheFirstMatchedWord() {
        String passage = "Opening words that say nothing much at all. ".repeat(12) + "The anodes were replaced in August. "
                + "Closing words that say nothing much either. ".repeat(12);

        String snippet = HybridSearch.snippet(passage, passage.indexOf("anodes"));

        assertThat(snippet).contains("anodes were replaced").startsWith("…").endsWith("…");
        assertThat(snippet.length()).isLessThanOrEqualTo(HybridSearch.SNIPPET_CHARS + 2);
    }
}
