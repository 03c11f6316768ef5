package io.aegis.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** How Cognito-, Auth0- and Keycloak-shaped tokens become the API's roles. */
class AccessTokenAuthoritiesTest {

    @Test
    void cognitoScopesLoseTheirResourceServerPrefixAndGroupsMapToRoles() {
        var security = properties("aegis-api/", Map.of("aegis-admins", List.of("media:read", "admin")));
        Jwt jwt = jwt(Map.of("scope", "openid aegis-api/media:read aegis-api/media:write",
                "cognito:groups", List.of("aegis-admins", "unrelated")));

        assertThat(roles(security, jwt)).containsExactlyInAnyOrder(
                "SCOPE_media:read", "SCOPE_media:write", "SCOPE_admin");
    }

    @Test
    void aScopeWithoutTheConfiguredPrefixGrantsNothing() {
        var security = properties("aegis-api/", Map.of());

        assertThat(roles(security, jwt(Map.of("scope", "media:read admin")))).isEmpty();
    }

    @Test
    void scpListsAsSentByOtherIssuersAreRead() {
        assertThat(roles(properties("", Map.of()), jwt(Map.of("scp", List.of("media:read")))))
                .containsExactly("SCOPE_media:read");
    }

    @Test
    void anUnmappedGroupGrantsNothing() {
        assertThat(roles(properties("", Map.of("ops", List.of("admin"))),
                jwt(Map.of("cognito:groups", List.of("admin", "Ops"))))).isEmpty();
    }

    private static List<String> roles(SecurityProperties security, Jwt jwt) {
        return new AccessTokenAuthorities(security).convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static SecurityProperties properties(String scopePrefix, Map<String, List<String>> groupRoles) {
        return new SecurityProperties("tenant", null, null, null, null, null, null, null, groupRoles, scopePrefix,
                null, null, null, null, null, null, null);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        var builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now());
        claims.forEach(builder::claim);
        return builder.build();
    }
}
