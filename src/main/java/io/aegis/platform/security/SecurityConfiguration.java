package io.aegis.platform.security;

import io.aegis.platform.DiskSpace;
import io.aegis.platform.ProblemResponses;
import io.aegis.platform.UploadProperties;
import io.aegis.platform.aws.AwsEndpoints;
import io.aegis.platform.aws.DynamoDbRateBuckets;
import io.aegis.platform.aws.ResourceNames;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import io.aegis.orchestrate.TenantJobLimitProperties;
import io.aegis.state.JobStore;
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
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API's resource-server rules: every /v1 call needs a valid JWT, reads need {@code media:read},
 * writes {@code media:write}, admin calls {@code admin}. Health, the OpenAPI document and the web console's
 * static files are public. Then, per request: rate limit per caller, body limits, room for the call (per kind of
 * call, tenant and caller; the tenant's backlog), CORS, security headers.
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
                                    UploadProperties upload, DiskSpace disk, UsageCounters counters,
                                    ApiLimitsProperties api, JobStore jobs, TenantJobLimitProperties quotas)
            throws Exception {
        http
                .authorizeHttpRequests(auth -> auth
                        // An SSE stream's later dispatches: the request itself was authorized when it came in.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus", "/v1/openapi.json", "/error").permitAll()
                        // The web console's files and settings: public; every call it makes carries the user's token.
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/console/**", "/favicon.ico",
                                "/console-config.json").permitAll()
                        // The API's browsable page (Swagger UI): public like the document; its calls carry a token.
                        .requestMatchers(HttpMethod.GET, "/api-docs/**", "/webjars/swagger-ui/**").permitAll()
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
                // A caller over its rate is stopped before authorization and routes do any work.
                .addFilterAfter(new CallerRateLimiter(security, counters, problems), BearerTokenAuthenticationFilter.class)
                // After authorization: an anonymous caller learns 401, not the limits. Body checks first (cheap), then
                // the room for the call (slots, the tenant's backlog), both before a byte of the body is read.
                .addFilterAfter(new RequestBodyLimits(upload.maxBytes(), security.jsonMaxBytes(), disk, problems),
                        AuthorizationFilter.class)
                .addFilterAfter(new ApiAdmission(api, security, counters, jobs, quotas, problems), RequestBodyLimits.class);
        return http.build();
    }

    /**
     * What the API's abuse limits count with: in this process, or, with {@code aegis.security.rate-limit.shared}, the
     * request rates in the limits table every api process draws from (the open-call slots stay per process).
     */
    @Bean
    UsageCounters usageCounters(SecurityProperties security, DynamoDbClient dynamo, ResourceNames names) {
        var local = new InProcessUsageCounters(security);
        return security.rateLimit().shared()
                ? new SharedUsageCounters(new DynamoDbRateBuckets(dynamo, names.tables().limits()), local)
                : local;
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
        return builder.threadNamePrefix("task-").build();
    }

    /** Threads of the upload calls only (POST /v1/upload), with a bounded queue. */
    @Bean
    ThreadPoolTaskExecutor uploadCallExecutor(ApiLimitsProperties api) {
        return pool("http-upload-", api.uploads());
    }

    /** Threads of every other REST call, with a bounded queue. */
    @Bean
    ThreadPoolTaskExecutor readCallExecutor(ApiLimitsProperties api) {
        return pool("http-call-", api.reads());
    }

    private static ThreadPoolTaskExecutor pool(String prefix, ApiLimitsProperties.Concern limits) {
        var pool = new ThreadPoolTaskExecutor();
        pool.setThreadNamePrefix(prefix);
        pool.setCorePoolSize(Math.max(1, limits.threads()));
        pool.setMaxPoolSize(Math.max(1, limits.threads()));
        pool.setQueueCapacity(Math.max(0, limits.queue()));
        return pool;
    }

    /**
     * platform-http runs Camel REST routes on this executor: each call on the pool of its kind ({@link ConcernExecutor});
     * wrapping it carries the caller's authentication from the servlet thread into the route.
     */
    @Bean
    DelegatingSecurityContextAsyncTaskExecutor routeExecutor(ThreadPoolTaskExecutor uploadCallExecutor,
                                                             ThreadPoolTaskExecutor readCallExecutor) {
        return new DelegatingSecurityContextAsyncTaskExecutor(new ConcernExecutor(uploadCallExecutor, readCallExecutor));
    }
}
