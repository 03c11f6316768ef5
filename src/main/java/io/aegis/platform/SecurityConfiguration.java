package io.aegis.platform;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The API's resource-server rules: every /v1 call needs a valid JWT, reads need {@code media:read},
 * writes {@code media:write}, admin calls {@code admin}. Health and the OpenAPI document are public.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String READ = "SCOPE_media:read";
    static final String WRITE = "SCOPE_media:write";
    static final String ADMIN = "SCOPE_admin";

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems) throws Exception {
        http
                .authorizeHttpRequests(auth -> auth
                        // An SSE stream's later dispatches: the request itself was authorized when it came in.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus", "/v1/openapi.json", "/error").permitAll()
                        // The web console's files and settings: public; every call it makes carries the user's token.
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/console/**", "/favicon.ico",
                                "/console-config.json").permitAll()
                        .requestMatchers("/v1/admin/**").hasAuthority(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/v1/**").hasAuthority(WRITE)
                        .requestMatchers(HttpMethod.DELETE, "/v1/**").hasAuthority(WRITE)
                        .requestMatchers(HttpMethod.GET, "/v1/**").hasAuthority(READ)
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens only, no cookies: CSRF cannot apply.
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(problems.authenticationEntryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> { })
                        .authenticationEntryPoint(problems.authenticationEntryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()));
        return http.build();
    }

    /** Issuer and expiry always; audience too when one is configured. */
    static OAuth2TokenValidator<Jwt> validators(String issuer, String audience) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        if (audience != null && !audience.isBlank()) {
            validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    @Bean(name = "applicationTaskExecutor")
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("http-route-").build();
    }

    /**
     * platform-http runs Camel REST routes on this executor; wrapping it carries the caller's
     * authentication from the servlet thread into the route.
     */
    @Bean
    DelegatingSecurityContextAsyncTaskExecutor routeExecutor(ThreadPoolTaskExecutor applicationTaskExecutor) {
        return new DelegatingSecurityContextAsyncTaskExecutor(applicationTaskExecutor);
    }
}
