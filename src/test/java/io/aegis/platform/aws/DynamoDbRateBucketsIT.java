package io.aegis.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.ProblemResponses;
import io.aegis.platform.security.CallerRateLimiter;
import io.aegis.platform.security.InProcessUsageCounters;
import io.aegis.platform.security.SecurityProperties;
import io.aegis.platform.security.SharedUsageCounters;
import io.aegis.testsupport.JarProcesses;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Shared API rate limits (aegis.security.rate-limit.shared): two rate limiters, as in two api processes, each with its
 * own DynamoDB client, draw from one bucket per caller (tenant + token subject), so together they allow the configured
 * rate, not twice it, even when they race; two users of one OAuth client still have a bucket each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120) // a compare-and-swap that never succeeds makes Bucket4j retry forever: fail instead of hanging
class DynamoDbRateBucketsIT {

    static final String TABLE = "aegis-limits";
    static final BucketConfiguration FIVE_A_MINUTE = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofMinutes(1)).build()).build();

    EmbeddedAwsServers servers;
    List<DynamoDbClient> processes;

    @BeforeAll
    void start() {
        var props = new EmbeddedAwsProperties(Path.of("target", "child-data", UUID.randomUUID().toString()), "127.0.0.1",
                JarProcesses.freePort(), JarProcesses.freePort(), JarProcesses.freePort(), true, true, null, null, "local",
                "local-secret", List.of());
        servers = EmbeddedAwsServers.start(props);
        processes = IntStream.range(0, 2).mapToObj(i -> DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .endpointOverride(URI.create("http://127.0.0.1:" + props.dynamodbPort())).build()).toList();
        processes.get(0).createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("limitKey").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("limitKey").keyType(KeyType.HASH)));
    }

    @AfterAll
    void stop() {
        processes.forEach(DynamoDbClient::close);
        servers.close();
    }

    @Test
    void twoProcessesTogetherAllowOneBucketsWorth() {
        Bucket first = new DynamoDbRateBuckets(processes.get(0), TABLE).builder().build("client-a", () -> FIVE_A_MINUTE);
        Bucket second = new DynamoDbRateBuckets(processes.get(1), TABLE).builder().build("client-a", () -> FIVE_A_MINUTE);
        assertThat(first.tryConsume(3)).isTrue();
        assertThat(second.tryConsume(2)).isTrue();
        assertThat(second.tryConsume(1)).as("the second process sees the first one's use").isFalse();
        assertThat(first.tryConsume(1)).isFalse();
        // Another client has a bucket of its own.
        assertThat(new DynamoDbRateBuckets(processes.get(1), TABLE).builder().build("client-b", () -> FIVE_A_MINUTE)
                .tryConsume(5)).isTrue();
    }

    @Test
    void twoApiProcessesShareEachCallersBucketAndTwoUsersOfOneClientHaveOneEach() throws Exception {
        // As SecurityConfiguration builds them with rate-limit.shared: a burst of 5 a minute for aegis-burst's callers.
        var limits = new SecurityProperties.RateLimit(100, 100, null, 0,
                Map.of("aegis-burst", new SecurityProperties.RateLimit.Bucket(5, 5, Duration.ofMinutes(1))), true);
        var security = new SecurityProperties("tenant", null, null, null, null, null, null, null, null, null, limits,
                null, null, null, null, null, null);
        var problems = new ProblemResponses(new ObjectMapper(), DataSize.ofMegabytes(1));
        List<CallerRateLimiter> apis = processes.stream().map(dynamo -> new CallerRateLimiter(security,
                new SharedUsageCounters(new DynamoDbRateBuckets(dynamo, TABLE), new InProcessUsageCounters(security)),
                problems)).toList();
        String tenant = "team-" + UUID.randomUUID().toString().substring(0, 8);

        for (int i = 0; i < 5; i++) {
            assertThat(call(apis.get(i % 2), tenant, "alice").getStatus()).as("alice's call %d", i).isEqualTo(200);
        }
        MockHttpServletResponse refused = call(apis.get(1), tenant, "alice");
        assertThat(refused.getStatus()).as("alice's bucket is one across both processes").isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(call(apis.get(0), tenant, "alice").getStatus()).isEqualTo(429);
        for (int i = 0; i < 5; i++) {
            assertThat(call(apis.get(i % 2), tenant, "bob").getStatus()).as("bob's own bucket, call %d", i).isEqualTo(200);
        }
        assertThat(call(apis.get(0), tenant, "bob").getStatus()).isEqualTo(429);
        // The bucket is an item of the limits table keyed by tenant and subject, beside the tenants' running slots.
        assertThat(processes.get(0).getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(Map.of("limitKey", AttributeValue.fromS("rate#" + tenant + "/alice")))).hasItem()).isTrue();
    }

    private static MockHttpServletResponse call(CallerRateLimiter api, String tenant, String subject) throws Exception {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).claim("tenant", tenant)
                .claim("azp", "aegis-burst").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
        try {
            var response = new MockHttpServletResponse();
            api.doFilter(new MockHttpServletRequest("GET", "/v1/jobs"), response, new MockFilterChain());
            return response;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void racingProcessesNeverGrantMoreThanTheCapacity() {
        List<Bucket> handles = processes.stream()
                .map(dynamo -> (Bucket) new DynamoDbRateBuckets(dynamo, TABLE).builder().build("racer", () -> FIVE_A_MINUTE))
                .toList();
        AtomicInteger granted = new AtomicInteger();
        CompletableFuture.allOf(IntStream.range(0, 12).mapToObj(i -> CompletableFuture.runAsync(() -> {
            if (handles.get(i % 2).tryConsume(1)) {
                granted.incrementAndGet();
            }
        })).toArray(CompletableFuture[]::new)).join();
        assertThat(granted).hasValue(5);
    }
}
