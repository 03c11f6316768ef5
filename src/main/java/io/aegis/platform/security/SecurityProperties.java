package io.aegis.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * JWT validation, abuse limits and browser rules; the web console's OAuth2 client; and, when no external issuer
 * is configured, the dev clients and dev users of the local authorization server.
 */
@ConfigurationProperties("aegis.security")
public record SecurityProperties(
        String tenantClaim,
        String issuerUri,
        String audience,
        List<String> clientIds,
        String localIssuer,
        String localAudience,
        Duration clockSkew,
        String groupsClaim,
        Map<String, List<String>> groupRoles,
        String scopePrefix,
        RateLimit rateLimit,
        DataSize jsonMaxBytes,
        Cors cors,
        String contentSecurityPolicy,
        List<DevClient> devClients,
        List<DevUser> devUsers,
        Console console) {

    public SecurityProperties {
        localAudience = localAudience == null || localAudience.isBlank() ? "aegis-api" : localAudience;
        clientIds = clientIds == null ? List.of() : clientIds.stream().filter(id -> !id.isBlank()).toList();
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        groupsClaim = groupsClaim == null ? "cognito:groups" : groupsClaim;
        groupRoles = groupRoles == null ? Map.of() : Map.copyOf(groupRoles);
        scopePrefix = scopePrefix == null ? "" : scopePrefix;
        rateLimit = rateLimit == null ? new RateLimit(0, 0, null, 0, null, false) : rateLimit;
        jsonMaxBytes = jsonMaxBytes == null ? DataSize.ofKilobytes(64) : jsonMaxBytes;
        cors = cors == null ? new Cors(List.of()) : cors;
        contentSecurityPolicy = contentSecurityPolicy == null ? "default-src 'self'" : contentSecurityPolicy;
        devClients = devClients == null ? List.of() : List.copyOf(devClients);
        devUsers = devUsers == null ? List.of() : List.copyOf(devUsers);
        console = console == null ? new Console(null, null, null, null, null) : console;
    }

    public boolean usesExternalIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    /**
     * Token buckets per client: {@code capacity} calls at once, {@code refillTokens} more every
     * {@code refillPeriod}; {@code clients} overrides both per client id. Capacity 0 switches the limit off.
     */
    public record RateLimit(long capacity, long refillTokens, Duration refillPeriod, int maxTrackedClients,
                            Map<String, Bucket> clients, boolean shared) {

        public RateLimit {
            refillPeriod = refillPeriod == null ? Duration.ofSeconds(1) : refillPeriod;
            maxTrackedClients = maxTrackedClients <= 0 ? 10_000 : maxTrackedClients;
            clients = clients == null ? Map.of() : Map.copyOf(clients);
        }

        public Bucket forClient(String clientId) {
            return clients.getOrDefault(clientId, new Bucket(capacity, refillTokens, refillPeriod));
        }

        public record Bucket(long capacity, long refillTokens, Duration refillPeriod) {

            public Bucket {
                refillPeriod = refillPeriod == null ? Duration.ofSeconds(1) : refillPeriod;
            }
        }
    }

    /** Browser origins allowed to call the API; empty means no CORS headers at all. */
    public record Cors(List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
        }
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
