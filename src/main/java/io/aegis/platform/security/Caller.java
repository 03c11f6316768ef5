package io.aegis.platform.security;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from the validated token: the tenant, the subject (a user, or a service client) and the OAuth
 * client it came through. Limits are kept per tenant and per caller (tenant + subject): every console user behind
 * one OAuth client (Cognito, Auth0, Keycloak) has limits of their own.
 */
public record Caller(String tenant, String subject, String client) {

    /** The caller of the current request; null when it is not authenticated with a JWT. */
    static Caller current(String tenantClaim) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            return null;
        }
        var jwt = token.getToken();
        String client = firstOf(jwt.getClaimAsString("azp"), jwt.getClaimAsString("client_id"), jwt.getSubject());
        String subject = firstOf(jwt.getSubject(), client, "");
        return new Caller(jwt.getClaimAsString(tenantClaim), subject, client);
    }

    /** The key of this caller's counters. */
    String key() {
        return tenant + "/" + subject;
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
