package io.aegis.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
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
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * In dev mode ({@link DevMode}; never together with an external issuer), Aegis issues its own tokens:
 * client-credentials (POST /oauth2/token) to the dev clients from configuration, each bound to one tenant; and
 * authorization code + PKCE to the web console for the dev users who sign in on the login form, each bound to a
 * tenant and limited to their scopes. The dev clients, dev users and their well-known secrets exist only here, and
 * only while the app listens on loopback.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DevMode.MODE, havingValue = "true")
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
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
                // A browser at /oauth2/authorize without a session signs in first; API clients get a 401.
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The login form of the code flow: a session (cookie + CSRF) of its own, apart from the stateless API. */
    @Bean
    @Order(1)
    SecurityFilterChain loginFormSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/login", "/logout", "/default-ui.css")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService devUsers(SecurityProperties security) {
        var users = security.devUsers().stream().map(dev -> {
            log.info("Dev console user '{}' (tenant '{}', scopes {}): sign in at {}/ with password '{}'",
                    dev.username(), dev.tenant(), dev.scopes(), security.localIssuer(), dev.password());
            return User.withUsername(dev.username()).password("{noop}" + dev.password()).roles("CONSOLE").build();
        }).toList();
        return new InMemoryUserDetailsManager(users);
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
        var all = new ArrayList<>(clients);
        all.add(consoleClient(security.console()));
        return new InMemoryRegisteredClientRepository(all);
    }

    // A client without a tenant only exists in tests: its tokens must be refused.
    private static ClientSettings settings(SecurityProperties.DevClient dev) {
        var settings = ClientSettings.builder();
        if (dev.tenant() != null) {
            settings.setting(TENANT_SETTING, dev.tenant());
        }
        return settings.build();
    }

    // Public (no secret), PKCE required; a loopback IP redirect URI matches any port (RFC 8252), "localhost" none.
    private static RegisteredClient consoleClient(SecurityProperties.Console console) {
        return RegisteredClient.withId(UUID.nameUUIDFromBytes(console.clientId().getBytes()).toString())
                .clientId(console.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(console.redirectUris()))
                .scopes(scopes -> scopes.addAll(console.scopes()))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofHours(1)).build())
                .build();
    }

    /**
     * Stamps each access token with this API as its audience; each token with the tenant its client belongs to;
     * a signed-in user's token with the user's tenant
     * and only the requested scopes the user holds.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tenantClaim(SecurityProperties security) {
        Map<String, SecurityProperties.DevUser> users = security.devUsers().stream()
                .collect(Collectors.toMap(SecurityProperties.DevUser::username, user -> user));
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().audience(List.of(security.localAudience()));
            }
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
                SecurityProperties.DevUser user = users.get(context.getPrincipal().getName());
                Set<String> scopes = new LinkedHashSet<>(context.getAuthorizedScopes());
                scopes.retainAll(user == null ? List.of() : user.scopes());
                context.getClaims().claim(OAuth2ParameterNames.SCOPE, scopes);
                if (user != null) {
                    context.getClaims().claim(security.tenantClaim(), user.tenant());
                }
                return;
            }
            String tenant = context.getRegisteredClient().getClientSettings().getSetting(TENANT_SETTING);
            if (tenant != null) {
                context.getClaims().claim(security.tenantClaim(), tenant);
            }
        };
    }

    /** The signing key kept under the data folder: dev tokens stay valid across a restart. */
    @Bean
    JWKSource<SecurityContext> jwkSource(DevModeProperties dev) {
        RSAKey key = DevSigningKey.loadOrCreate(dev.signingKey());
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(SecurityProperties security) {
        return AuthorizationServerSettings.builder().issuer(security.localIssuer()).build();
    }
}
