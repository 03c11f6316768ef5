package io.aegis.platform.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Validates tokens of the external issuer (e.g. Cognito), or in dev mode of the local authorization server, by the
 * same {@link AccessTokenRules}. {@link DevMode} makes sure exactly one of the two is configured.
 */
@Configuration(proxyBeanMethods = false)
public class JwtDecoderConfiguration {

    static final Duration KEY_CACHE_TTL = Duration.ofMinutes(15);
    // Bounds how often tokens with made-up kids can make us call the issuer.
    static final Duration KEY_REFETCH_INTERVAL = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnExpression("'${aegis.security.issuer-uri:}' != ''")
    JwtDecoder externalIssuerDecoder(SecurityProperties security, TenantNames tenants) {
        return AccessTokenRules.decoder(new IssuerKeys(security.issuerUri(), KEY_CACHE_TTL, KEY_REFETCH_INTERVAL),
                AccessTokenRules.validator(security.issuerUri(), security.audience(), security.clientIds(), security, tenants));
    }

    @Bean
    @ConditionalOnProperty(name = DevMode.MODE, havingValue = "true")
    JwtDecoder localIssuerDecoder(JWKSource<SecurityContext> keys, SecurityProperties security, TenantNames tenants) {
        return AccessTokenRules.decoder(keys,
                AccessTokenRules.validator(security.localIssuer(), security.localAudience(), List.of(), security, tenants));
    }

    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter(SecurityProperties security) {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new AccessTokenAuthorities(security));
        return converter;
    }
}
