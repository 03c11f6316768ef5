package io.aegis.api;

import io.aegis.platform.security.DevModeProperties;
import io.aegis.platform.security.SecurityProperties;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /console-config.json: where the web console signs in. The local authorization server's endpoints are on
 * the console's own origin; for an external issuer (Cognito, Auth0, Keycloak) they are configured or, when blank,
 * found by the console through the issuer's OIDC discovery document.
 */
@RestController
public class ConsoleSettings {

    private final SecurityProperties security;
    private final boolean devMode;

    public ConsoleSettings(SecurityProperties security, DevModeProperties dev) {
        this.security = security;
        this.devMode = dev.mode();
    }

    @GetMapping(path = "/console-config.json", produces = "application/json")
    public Settings settings() {
        SecurityProperties.Console console = security.console();
        if (devMode) {
            return new Settings(security.localIssuer(), true, true, console.clientId(), console.scopes(),
                    "/oauth2/authorize", "/oauth2/token");
        }
        return new Settings(security.issuerUri(), false, false, console.clientId(), console.scopes(),
                blankToNull(console.authorizationEndpoint()), blankToNull(console.tokenEndpoint()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * {@code localIssuer}: the endpoints are relative and the redirect URI must be on a loopback IP. {@code devMode}:
     * the console says so (well-known dev accounts, reachable from this machine only).
     */
    public record Settings(String issuer, boolean localIssuer, boolean devMode, String clientId, List<String> scopes,
                           String authorizationEndpoint, String tokenEndpoint) {
    }
}
