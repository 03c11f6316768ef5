package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What a load balancer and Kubernetes/ECS probes see: readiness follows S3, SQS and DynamoDB reachability. */
class HealthIT extends PipelineTestSupport {

    @Test
    void readinessReportsEachAwsDependencyAndLivenessIsSeparate() {
        var readiness = get(null, "/actuator/health/readiness");

        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        JsonNode body = read(readiness.getBody());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("s3").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("sqs").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("dynamodb").path("status").asText()).isEqualTo("UP");
        // Free space in the upload spool, work and data folders (DiskSpaceTest: DOWN below the threshold).
        assertThat(body.path("components").path("disk").path("status").asText()).isEqualTo("UP");
        // Anonymous callers learn which dependency is down, not the resource names or errors behind it.
        assertThat(body.path("components").path("s3").has("details")).isFalse();

        var liveness = get(null, "/actuator/health/liveness");
        assertThat(read(liveness.getBody()).path("components").has("s3")).isFalse();
    }

    @Test
    void detailsOfTheDependenciesAreForTheAdminScopeOnly() {
        JsonNode asTenant = read(get(localToken(), "/actuator/health/readiness").getBody());
        assertThat(asTenant.path("components").path("s3").has("details")).as("a media:read token").isFalse();
        assertThat(asTenant.path("components").path("disk").has("details")).isFalse();

        JsonNode asAdmin = read(get(token("aegis-admin", "admin"), "/actuator/health/readiness").getBody());
        assertThat(asAdmin.path("components").path("s3").path("details").path("resource").asText()).startsWith("bucket ");
        assertThat(asAdmin.path("components").path("disk").path("details").has("uploads")).isTrue();
    }
}
