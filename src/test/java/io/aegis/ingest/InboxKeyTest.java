package io.aegis.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxKeyTest {

    @Test
    void aKeyUnderATenantFolderNamesTheTenantAndTheFile() {
        var key = InboxKey.parse("inbox/", "inbox/acme/reports/q3.pdf", "\"abc\"").orElseThrow();

        assertThat(key.tenant()).isEqualTo("acme");
        assertThat(key.name()).isEqualTo("reports/q3.pdf");
    }

    @Test
    void theSameObjectAlwaysGetsTheSameIdsAndANewVersionNewOnes() {
        var first = InboxKey.parse("inbox/", "inbox/acme/a.txt", "\"etag-1\"").orElseThrow();
        var again = InboxKey.parse("inbox/", "inbox/acme/a.txt", "etag-1").orElseThrow();
        var replaced = InboxKey.parse("inbox/", "inbox/acme/a.txt", "\"etag-2\"").orElseThrow();

        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(again.assetId()).isEqualTo(first.assetId());
        assertThat(replaced.jobId()).isNotEqualTo(first.jobId());
        assertThat(first.jobId()).isNotEqualTo(first.assetId());
    }

    @Test
    void keysWithoutAValidTenantAreRefused() {
        assertThat(InboxKey.parse("inbox/", "inbox/a.txt", "e")).isEmpty();
        assertThat(InboxKey.parse("inbox/", "inbox/acme/", "e")).isEmpty();
        assertThat(InboxKey.parse("inbox/", "inbox/Acme Corp/a.txt", "e")).isEmpty();
        assertThat(InboxKey.parse("inbox/", "inbox/../a.txt", "e")).isEmpty();
        assertThat(InboxKey.parse("inbox/", "other/acme/a.txt", "e")).isEmpty();
    }
}
