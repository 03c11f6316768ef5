package io.aegis.platform;

import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;
import org.springframework.security.web.SecurityFilterChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The API's resource-server rules: every /v1 call needs a valid JWT, reads need {@code media:read},
 * writes {@code media:write}, admin calls {@code admin}. Health, the OpenAPI document and the web console's
 * static files are public. Then, per request: rate limit per client, body limits, CORS, security headers.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String READ = "SCOPE_media:read";
    static final String WRITE = "SCOPE_media:write";
    static final String ADMIN = "SCOPE_admin";
    static final String STORAGE = "{storage}";

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems, SecurityProperties security,
                                    JwtAuthenticationConverter tokenRoles, AwsEndpoints aws, ResourceNames names,
                                    DynamoDbClient dynamo,
                                    @Value("${aegis.upload.max-bytes}") DataSize uploadMaxBytes) throws Exception {
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
                        // Webhook endpoints carry where a tenant's events go: reading them needs write too.
                        .requestMatchers("/v1/webhooks", "/v1/webhooks/**").hasAuthority(WRITE)
                        .requestMatchers(HttpMethod.POST, "/v1/**").hasAuthority(WRITE)
                        .requestMatchers(HttpMethod.DELETE, "/v1/**").hasAuthority(WRITE)
                        .requestMatchers(HttpMethod.GET, "/v1/**").hasAuthority(READ)
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens only, no cookies: CSRF cannot apply.
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(corsRules(security.cors())))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(security.contentSecurityPolicy()
                                .replace(STORAGE, storageOrigins(aws, names))))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny())
                        // Sent only on https requests (behind a load balancer: X-Forwarded-Proto, see server.*).
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(Duration.ofDays(365).toSeconds())
                                .includeSubDomains(true)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(problems.authenticationEntryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokenRoles))
                        .authenticationEntryPoint(problems.authenticationEntryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                // A client over its rate is stopped before authorization and routes do any work.
                .addFilterAfter(new ClientRateLimiter(security.rateLimit(), problems, security.rateLimit().shared()
                                ? new DynamoDbRateBuckets(dynamo, names.tables().limits()) : null),
                        BearerTokenAuthenticationFilter.class)
                // After authorization: an anonymous caller learns 401, not the limits.
                .addFilterAfter(new RequestBodyLimits(uploadMaxBytes, security.jsonMaxBytes(), problems),
                        AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Where presigned URLs point, for the CSP's {@value #STORAGE}: the S3 endpoint's origin (path-style URLs), or
     * on AWS the two buckets' virtual-hosted origins. A browser may PUT uploads and show renditions there, nowhere else.
     */
    static String storageOrigins(AwsEndpoints aws, ResourceNames names) {
        if (aws.s3() != null) {
            URI endpoint = URI.create(aws.s3());
            return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        }
        return Stream.of(names.buckets().raw(), names.buckets().processed())
                .map(bucket -> "https://" + bucket + ".s3." + aws.region() + ".amazonaws.com")
                .collect(Collectors.joining(" "));
    }

    /** Only the configured origins; with none configured a browser on another origin gets no CORS headers. */
    static CorsConfigurationSource corsRules(SecurityProperties.Cors cors) {
        if (cors.allowedOrigins().isEmpty()) {
            return request -> null;
        }
        var rules = new CorsConfiguration();
        rules.setAllowedOrigins(cors.allowedOrigins());
        rules.setAllowedMethods(List.of("GET", "POST", "DELETE"));
        rules.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        rules.setExposedHeaders(List.of("Location", "Retry-After", "Idempotent-Replayed"));
        // Bearer tokens travel in a header, never in cookies.
        rules.setAllowCredentials(false);
        rules.setMaxAge(Duration.ofHours(1));
        return request -> rules;
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
