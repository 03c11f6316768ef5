package io.aegis.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DevModeTest {

    @Test
    void withNeitherIssuerNorDevModeTheStartIsRefusedNamingBothSettings() {
        assertThatThrownBy(() -> DevMode.check(false, ""))
                .isInstanceOf(DevMode.Refused.class)
                .hasMessageContaining("AEGIS_ISSUER_URI").hasMessageContaining("AEGIS_DEV_MODE=true");
        assertThatThrownBy(() -> DevMode.check(false, null)).isInstanceOf(DevMode.Refused.class);
    }

    @Test
    void devModeAndAnIssuerTogetherAreRefused() {
        assertThatThrownBy(() -> DevMode.check(true, "https://issuer.example"))
                .isInstanceOf(DevMode.Refused.class)
                .hasMessageContaining("AEGIS_DEV_MODE").hasMessageContaining("AEGIS_ISSUER_URI");
    }

    @Test
    void anIssuerAloneOrDevModeAloneStarts() {
        DevMode.check(false, "https://issuer.example");
        DevMode.check(true, "");
    }

    @Test
    void devModeBindsTheAppAndTheEmbeddedServersToLoopbackWhateverElseIsConfigured() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("user", Map.of(
                DevMode.MODE, "true",
                "server.address", "0.0.0.0",
                "aegis.embedded.bind-address", "0.0.0.0")));
        new DevMode().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("aegis.embedded.bind-address")).isEqualTo("127.0.0.1");
    }

    @Test
    void withoutDevModeTheConfiguredAddressesStand() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("user", Map.of(
                "aegis.security.issuer-uri", "https://issuer.example",
                "server.address", "0.0.0.0")));
        new DevMode().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("server.address")).isEqualTo("0.0.0.0");
    }

    @Test
    void loopbackAddressesAreRecognised() {
        assertThat(DevMode.isLoopback("127.0.0.1")).isTrue();
        assertThat(DevMode.isLoopback("::1")).isTrue();
        assertThat(DevMode.isLoopback("0.0.0.0")).isFalse();
    }
}
