package io.aegis.platform;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With no external issuer configured, Aegis issues its own tokens (client-credentials grant at
 * POST /oauth2/token) to the dev clients from configuration, each bound to one tenant. The dev clients and their
 * well-known secrets exist only here: configuring an external issuer removes this whole configuration.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${aegis.security.issuer-uri:}' == ''")
public class LocalAuthorizationServerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalAuthorizationServerConfiguration.class);
    private static final String TENANT_SETTING = "aegis.tenant";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerSecurity(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, Customizer.withDefaults())
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    RegisteredClientRepository registeredClients(SecurityProperties security) {
        var clients = security.devClients().stream().map(dev -> {
            log.info("Dev OAuth2 client '{}' (tenant '{}', scopes {}): curl -u {}:{} -d grant_type=client_credentials "
                    + "-d scope=\"{}\" {}/oauth2/token", dev.clientId(), dev.tenant(), dev.scopes(), dev.clientId(),
                    dev.clientSecret(), String.join(" ", dev.scopes()), security.localIssuer());
            return RegisteredClient.withId(UUID.nameUUIDFromBytes(dev.clientId().getBytes()).toString())
                    .clientId(dev.clientId())
                    .clientSecret("{noop}" + dev.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(scopes -> scopes.addAll(dev.scopes()))
                    .clientSettings(settings(dev))
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofHours(1)).build())
                    .build();
        }).toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    // A client without a tenant only exists in tests: its tokens must be refused.
    private static ClientSettings settings(SecurityProperties.DevClient dev) {
        var settings = ClientSettings.builder();
        if (dev.tenant() != null) {
            settings.setting(TENANT_SETTING, dev.tenant());
        }
        return settings.build();
    }

    /** Stamps each access token with this API as its audience and the tenant its client belongs to. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tenantClaim(SecurityProperties security) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            context.getClaims().audience(List.of(security.localAudience()));
            String tenant = context.getRegisteredClient().getClientSettings().getSetting(TENANT_SETTING);
            if (tenant != null) {
                context.getClaims().claim(security.tenantClaim(), tenant);
            }
        };
    }

    /** A fresh signing key per start: local tokens do not outlive the process. */
    @Bean
    JWKSource<SecurityContext> jwkSource() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(SecurityProperties security) {
        return AuthorizationServerSettings.builder().issuer(security.localIssuer()).build();
    }
}
