package io.aegis.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPropertiesTest {

    @Test
    void readsTenantEqualsDaysPairs() {
        assertThat(new RetentionProperties(" acme=30, beta = 365 ", null, 0).days())
                .containsExactly(Map.entry("acme", 30), Map.entry("beta", 365));
        assertThat(new RetentionProperties("", null, 0).days()).isEmpty();
        assertThat(new RetentionProperties(null, null, 0).days()).isEmpty();
    }

    @Test
    void refusesAMalformedSettingAtStartUp() {
        for (String bad : new String[] {"acme", "acme=0", "acme=-3", "=30", "acme=thirty", "acme=1=2"}) {
            assertThatThrownBy(() -> new RetentionProperties(bad, null, 0)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant=days");
        }
    }
}
