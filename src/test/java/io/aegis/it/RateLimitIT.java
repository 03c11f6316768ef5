package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Rate limits per caller (tenant and token subject): the test profile gives callers of the dev client aegis-burst a
 * bucket of 5 calls refilled by one a minute; every other client's callers keep the (high) default.
 */
class RateLimitIT extends PipelineTestSupport {

    @Test
    void aBurstBeyondTheLimitIs429WithRetryAfterAndOtherClientsAreUnaffected() {
        String burst = token("aegis-burst", READ_WRITE);
        List<Integer> statuses = new ArrayList<>();
        ResponseEntity<String> refused = null;
        for (int i = 0; i < 8; i++) {
            ResponseEntity<String> response = get(burst, "/v1/jobs");
            statuses.add(response.getStatusCode().value());
            if (response.getStatusCode().value() == 429 && refused == null) {
                refused = response;
            }
        }

        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 8)).containsOnly(429);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
        assertThat(read(refused.getBody()).path("status").asInt()).isEqualTo(429);
        // A new token of the same client is the same client: still limited.
        assertThat(get(token("aegis-burst", READ_WRITE), "/v1/jobs").getStatusCode().value()).isEqualTo(429);
        // Another client, same tenant space or not, is not slowed by aegis-burst's bucket.
        String local = localToken();
        for (int i = 0; i < 8; i++) {
            assertThat(get(local, "/v1/jobs").getStatusCode().value()).isEqualTo(200);
        }
    }

    @Test
    void twoUsersOfTheSameOAuthClientHaveABucketEach() {
        // Two console users behind one OAuth client (as with Cognito): the client's bucket size, a bucket each.
        String tenant = freshTenant("team");
        String alice = tokenFor(tenant, "alice", "aegis-burst");
        String bob = tokenFor(tenant, "bob", "aegis-burst");
        for (int i = 0; i < 5; i++) {
            assertThat(get(alice, "/v1/jobs").getStatusCode().value()).isEqualTo(200);
        }
        assertThat(get(alice, "/v1/jobs").getStatusCode().value()).as("alice used up her bucket").isEqualTo(429);
        for (int i = 0; i < 5; i++) {
            assertThat(get(bob, "/v1/jobs").getStatusCode().value()).as("bob's own bucket").isEqualTo(200);
        }
        assertThat(get(bob, "/v1/jobs").getStatusCode().value()).isEqualTo(429);
    }
}
