package io.aegis.platform;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;

/** Validates tokens of the external issuer (e.g. Cognito), or of the local authorization server. */
@Configuration(proxyBeanMethods = false)
public class JwtDecoderConfiguration {

    @Bean
    @ConditionalOnExpression("'${aegis.security.issuer-uri:}' != ''")
    JwtDecoder externalIssuerDecoder(SecurityProperties security) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(security.issuerUri()).build();
        decoder.setJwtValidator(SecurityConfiguration.validators(security.issuerUri(), security.audience()));
        return decoder;
    }

    @Bean
    @ConditionalOnExpression("'${aegis.security.issuer-uri:}' == ''")
    JwtDecoder localIssuerDecoder(JWKSource<SecurityContext> keys, SecurityProperties security) {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        decoder.setJwtValidator(SecurityConfiguration.validators(security.localIssuer(), security.audience()));
        return decoder;
    }
}
