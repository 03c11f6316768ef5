package io.aegis.platform.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What makes an access token acceptable, the same for the local and an external issuer: an RS256 or ES256
 * signature by a key of the issuer's JWKS, the issuer, an expiry (with bounded clock skew), the audience or
 * the Cognito app client, and a tenant that is a valid, unreserved name ({@link TenantNames}).
 */
public final class AccessTokenRules {

    /** Asymmetric only: {@code alg=none} and HS256 signed with a public key (algorithm confusion) never verify. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private AccessTokenRules() {
    }

    public static NimbusJwtDecoder decoder(JWKSource<SecurityContext> keys, OAuth2TokenValidator<Jwt> validator) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // Claims are checked by the validator below (Spring's), not twice with Nimbus's own defaults.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        // Cognito and Keycloak send typ JWT, Auth0 at+jwt: the type header is not what protects us here.
        processor.setJWSTypeVerifier((type, context) -> { });
        var decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator);
        return decoder;
    }

    /** The claim checks for tokens of {@code issuer}; {@code audience} and {@code clientIds} each apply when set. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Collection<String> clientIds,
                                                     SecurityProperties security, TenantNames tenants) {
        boolean hasAudience = audience != null && !audience.isBlank();
        if (!hasAudience && clientIds.isEmpty()) {
            throw new IllegalStateException("tokens must be bound to this API: set AEGIS_AUDIENCE (aud) or "
                    + "AEGIS_CLIENT_IDS (Cognito's client_id)");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtIssuerValidator(issuer));
        validators.add(new JwtTimestampValidator(security.clockSkew()));
        validators.add(claim(JwtClaimNames.EXP, Objects::nonNull, "the token has no expiry"));
        if (hasAudience) {
            validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                    ? OAuth2TokenValidatorResult.success() : failure("the token is not meant for this API (aud)"));
        }
        if (!clientIds.isEmpty()) {
            validators.add(claim("client_id", clientIds::contains, "the token's client_id is not allowed"));
        }
        validators.add(jwt -> tenants.problem(jwt.getClaims().get(security.tenantClaim()))
                .map(AccessTokenRules::failure).orElse(OAuth2TokenValidatorResult.success()));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static OAuth2TokenValidator<Jwt> claim(String name, Predicate<Object> test, String description) {
        return jwt -> test.test(jwt.getClaims().get(name)) ? OAuth2TokenValidatorResult.success() : failure(description);
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
