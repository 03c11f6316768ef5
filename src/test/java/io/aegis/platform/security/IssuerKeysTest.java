package io.aegis.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * An external issuer on a local HTTP server: keys found through its OpenID metadata (or else its RFC 8414 metadata),
 * cached, a rotated key picked up by one refetch, and tokens with made-up kids unable to make us hammer the issuer.
 */
class IssuerKeysTest {

    HttpServer server;
    String issuer;
    final AtomicReference<JWKSet> published = new AtomicReference<>();
    final AtomicInteger jwksFetches = new AtomicInteger();

    @BeforeEach
    void startIssuer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/pool";
        server.createContext("/pool/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks.json\"}"));
        server.createContext("/pool/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            respond(exchange, published.get().toString(true));
        });
        server.start();
    }

    @AfterEach
    void stopIssuer() {
        server.stop(0);
    }

    @Test
    void keysAreCachedAndARotatedKeyIsFetchedOnceAndMadeUpKidsCannotForceMoreFetches() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        published.set(new JWKSet(first.toPublicJWK()));
        JwtDecoder decoder = decoder(Duration.ofMinutes(10));

        decoder.decode(token(first));
        decoder.decode(token(first));
        assertThat(jwksFetches).hasValue(1);

        RSAKey rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        published.set(new JWKSet(List.of(first.toPublicJWK(), rotated.toPublicJWK())));
        assertThat(decoder.decode(token(rotated)).getClaimAsString("tenant")).isEqualTo("acme");
        assertThat(jwksFetches).hasValue(2);

        for (int i = 0; i < 20; i++) {
            RSAKey madeUp = new RSAKey.Builder(first).keyID("made-up-" + i).build();
            assertThatThrownBy(() -> decoder.decode(token(madeUp))).isInstanceOf(JwtException.class);
        }
        assertThat(jwksFetches.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void metadataOfAnotherIssuerIsNotTrusted() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        published.set(new JWKSet(key.toPublicJWK()));
        String lookalike = issuer + "-lookalike";
        server.createContext("/pool-lookalike/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks.json\"}"));
        var props = properties();
        JwtDecoder decoder = AccessTokenRules.decoder(new IssuerKeys(lookalike, Duration.ofMinutes(10),
                Duration.ofMinutes(10)), AccessTokenRules.validator(lookalike, "aegis-api", List.of(), props,
                new TenantNames("inbox/", "rejected/")));

        assertThatThrownBy(() -> decoder.decode(token(key))).isInstanceOf(JwtException.class);
        assertThat(jwksFetches).hasValue(0);
    }

    @Test
    void anAuthorizationServerWithoutOpenIdMetadataIsFoundByItsRfc8414Metadata() throws Exception {
        // An issuer with a path, as RFC 8414 places it: /.well-known/oauth-authorization-server/<path>. Aegis's own
        // dev-mode authorization server is one (no OpenID Connect), and what make aws-e2e's roles trust.
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        published.set(new JWKSet(key.toPublicJWK()));
        String oauthOnly = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
        server.createContext("/.well-known/oauth-authorization-server/realm", exchange -> respond(exchange,
                "{\"issuer\":\"" + oauthOnly + "\",\"jwks_uri\":\"" + issuer + "/jwks.json\"}"));
        JwtDecoder decoder = AccessTokenRules.decoder(new IssuerKeys(oauthOnly, Duration.ofMinutes(15),
                Duration.ofSeconds(30)), AccessTokenRules.validator(oauthOnly, "aegis-api", List.of(), properties(),
                new TenantNames("inbox/", "rejected/")));

        assertThat(decoder.decode(token(key, oauthOnly)).getClaimAsString("tenant")).isEqualTo("acme");
        assertThat(IssuerKeys.metadataLocations("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc")).containsExactly(
                "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc/.well-known/openid-configuration",
                "https://cognito-idp.us-east-1.amazonaws.com/.well-known/oauth-authorization-server/us-east-1_abc");
        assertThat(IssuerKeys.metadataLocations("http://localhost:8080")).containsExactly(
                "http://localhost:8080/.well-known/openid-configuration",
                "http://localhost:8080/.well-known/oauth-authorization-server");
    }

    private JwtDecoder decoder(Duration refetchInterval) {
        return AccessTokenRules.decoder(new IssuerKeys(issuer, Duration.ofMinutes(15), refetchInterval),
                AccessTokenRules.validator(issuer, "aegis-api", List.of(), properties(),
                        new TenantNames("inbox/", "rejected/")));
    }

    private String token(RSAKey key) throws Exception {
        return token(key, issuer);
    }

    private String token(RSAKey key, String issuer) throws Exception {
        var claims = new JWTClaimsSet.Builder().issuer(issuer).audience("aegis-api").subject("client")
                .claim("tenant", "acme").expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static SecurityProperties properties() {
        return new SecurityProperties("tenant", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
