package io.aegis.platform.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The external issuer's signing keys: the JWKS URL comes from its metadata, OpenID Connect Discovery or else RFC 8414
 * ({@link #metadataLocations}; looked up on first use, so the API starts while the issuer is unreachable), keys are
 * cached for {@code ttl}, and a token with an unknown {@code kid} (the issuer rotated its keys) refetches the set at
 * most once per {@code refetchInterval}.
 */
public final class IssuerKeys implements JWKSource<SecurityContext> {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String issuer;
    private final Duration ttl;
    private final Duration refetchInterval;
    private volatile JWKSource<SecurityContext> keys;

    public IssuerKeys(String issuer, Duration ttl, Duration refetchInterval) {
        this.issuer = issuer;
        this.ttl = ttl;
        this.refetchInterval = refetchInterval;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return keys().get(selector, context);
    }

    private JWKSource<SecurityContext> keys() throws KeySourceException {
        JWKSource<SecurityContext> current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl())
                            .cache(ttl.toMillis(), TIMEOUT.toMillis())
                            .rateLimited(refetchInterval.toMillis())
                            .refreshAheadCache(false)
                            .retrying(false)
                            .build();
                }
                current = keys;
            }
        }
        return current;
    }

    private URL jwksUrl() throws KeySourceException {
        List<String> tried = new ArrayList<>();
        for (String metadata : metadataLocations(issuer)) {
            tried.add(metadata);
            try {
                HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
                        HttpRequest.newBuilder(URI.create(metadata)).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    continue;
                }
                JsonNode document = new ObjectMapper().readTree(response.body());
                // The metadata must be the issuer's own (OpenID Connect Discovery §4.3, RFC 8414 §3.3).
                if (issuer.equals(document.path("issuer").asText()) && document.hasNonNull("jwks_uri")) {
                    return URI.create(document.path("jwks_uri").asText()).toURL();
                }
            } catch (JsonProcessingException notMetadata) {
                // Not a JSON document: try the next location.
            } catch (IOException e) {
                throw new KeySourceException("issuer metadata unreachable: " + metadata, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeySourceException("interrupted fetching " + metadata, e);
            }
        }
        throw new KeySourceException("no usable metadata of issuer " + issuer + " at " + String.join(" or ", tried));
    }

    /**
     * Where an issuer publishes its metadata, in the order Spring Security looks: OpenID Connect Discovery (Cognito,
     * Auth0, Keycloak), then RFC 8414 OAuth 2.0 Authorization Server Metadata (the well-known segment between host and
     * path), which every authorization server has, OpenID provider or not.
     */
    static List<String> metadataLocations(String issuer) {
        URI uri = URI.create(issuer);
        String path = uri.getRawPath() == null || "/".equals(uri.getRawPath()) ? "" : uri.getRawPath();
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return List.of((issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration",
                origin + "/.well-known/oauth-authorization-server" + path);
    }
}
