package io.aegis.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bucket layout: every object of an asset lies under one prefix, so deleting the asset can purge it all. */
class ObjectKeysTest {

    @Test
    void theOriginalAndEveryProcessedObjectLieUnderTheAssetsPrefix() {
        String prefix = RawObjects.assetPrefix("acme", "a1");

        assertThat(prefix).isEqualTo("acme/a1/");
        assertThat(RawObjects.originalKey("acme", "a1", "report.pdf")).isEqualTo("acme/a1/original/report.pdf");
        assertThat(ProcessedObjects.key("acme", "a1", "thumb-256.jpg")).isEqualTo("acme/a1/thumb-256.jpg");
        assertThat(RawObjects.assetPrefix("acme", "a10")).doesNotStartWith(prefix);
    }
}
