package io.aegis.platform;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * JWT validation; the web console's OAuth2 client; and, when no external issuer is configured, the dev
 * clients and dev users of the local authorization server.
 */
@ConfigurationProperties("aegis.security")
public record SecurityProperties(
        String tenantClaim,
        String issuerUri,
        String audience,
        String localIssuer,
        List<DevClient> devClients,
        List<DevUser> devUsers,
        Console console) {

    public SecurityProperties {
        devClients = devClients == null ? List.of() : List.copyOf(devClients);
        devUsers = devUsers == null ? List.of() : List.copyOf(devUsers);
        console = console == null ? new Console(null, null, null, null, null) : console;
    }

    public boolean usesExternalIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    public record DevClient(String clientId, String clientSecret, String tenant, List<String> scopes) {
    }

    /** A person who signs in to the console through the local authorization server's login form. */
    public record DevUser(String username, String password, String tenant, List<String> scopes) {
    }

    /**
     * The console's public OAuth2 client (authorization code + PKCE, no secret). With an external issuer,
     * register a client there and set its id here; blank endpoints are found by OIDC discovery.
     */
    public record Console(String clientId, List<String> scopes, List<String> redirectUris,
                          String authorizationEndpoint, String tokenEndpoint) {

        public Console {
            clientId = clientId == null || clientId.isBlank() ? "aegis-console" : clientId;
            scopes = scopes == null || scopes.isEmpty() ? List.of("media:read", "media:write", "admin") : List.copyOf(scopes);
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        }
    }
}
