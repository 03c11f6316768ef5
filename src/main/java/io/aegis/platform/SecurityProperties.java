package io.aegis.platform;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * JWT validation and, when no external issuer is configured, the dev clients of the local
 * authorization server.
 */
@ConfigurationProperties("aegis.security")
public record SecurityProperties(
        String tenantClaim,
        String issuerUri,
        String audience,
        String localIssuer,
        List<DevClient> devClients) {

    public SecurityProperties {
        devClients = devClients == null ? List.of() : List.copyOf(devClients);
    }

    public boolean usesExternalIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    public record DevClient(String clientId, String clientSecret, String tenant, List<String> scopes) {
    }
}
