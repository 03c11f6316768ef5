package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.platform.Roles;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.ProcessedObjects;
import io.aegis.steps.ProcessedBucketEndpoint;
import java.util.List;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The processed bucket's aws2-s3 endpoint is started as Camel comes up in a process that writes renditions, so a step
 * still in flight when Ctrl-C stops Camel finds a started endpoint (one first made during shutdown is never started:
 * its S3 client is null and the step fails for good, as WholeProcessCrashIT once saw). Against the embedded S3, in a
 * Camel context of its own so that no earlier test has made the endpoint already.
 */
class ProcessedBucketEndpointIT extends PipelineTestSupport {

    @Autowired
    ResourceNames names;

    @Autowired
    S3Client s3;

    @Test
    void aWorkerProcessHasTheEndpointStartedWithItsS3ClientBeforeAnyFile() throws Exception {
        try (var camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("amazonS3Client", s3);
            camel.start();

            new ProcessedBucketEndpoint(names, new Roles(List.of(Roles.MEDIA))).afterApplicationStart(camel);

            var endpoint = camel.hasEndpoint(ProcessedObjects.endpoint(names));
            assertThat(endpoint).as("made at start").isInstanceOf(AWS2S3Endpoint.class);
            assertThat(((AWS2S3Endpoint) endpoint).isStarted()).isTrue();
            assertThat(((AWS2S3Endpoint) endpoint).getS3Client()).as("what a put needs").isNotNull();
        }
    }

    @Test
    void aProcessWithoutAWorkerRoleNeverAsksS3ForTheBucket() throws Exception {
        try (var camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("amazonS3Client", s3);
            camel.start();

            new ProcessedBucketEndpoint(names, new Roles(List.of(Roles.API, Roles.ORCHESTRATOR)))
                    .afterApplicationStart(camel);

            assertThat(camel.hasEndpoint(ProcessedObjects.endpoint(names))).isNull();
        }
    }
}
