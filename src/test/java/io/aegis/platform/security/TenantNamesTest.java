package io.aegis.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantNamesTest {

    private final TenantNames names = new TenantNames("inbox/", "rejected/");

    @Test
    void theBucketLayoutsOwnPrefixesAreReserved() {
        assertThat(names.reserved()).containsExactlyInAnyOrder("inbox", "rejected");
        assertThat(names.allowed("inbox")).isFalse();
        assertThat(names.allowed("rejected")).isFalse();
        assertThat(names.problem("inbox")).hasValueSatisfying(why -> assertThat(why).contains("reserved"));
    }

    @Test
    void charactersAndLengthAreChecked() {
        assertThat(names.allowed("acme")).isTrue();
        assertThat(names.allowed("acme-eu_2")).isTrue();
        assertThat(names.allowed("a".repeat(64))).isTrue();
        assertThat(names.allowed("a".repeat(65))).isFalse();
        for (String bad : new String[] {"", " ", "Acme", "acme corp", "../x", "a/b", "-acme", "_acme", "acme.eu", "é"}) {
            assertThat(names.allowed(bad)).as(bad).isFalse();
        }
        assertThat(names.problem(42)).isPresent();
        assertThat(names.problem(null)).isPresent();
    }
}
