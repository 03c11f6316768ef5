package io.aegis.steps;

import io.aegis.platform.Roles;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.ProcessedObjects;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.stereotype.Component;

/**
 * Makes and starts the processed bucket's {@code aws2-s3} endpoint as soon as Camel is up, in a process that writes
 * renditions (media, ai roles). Routes reach it with {@code toD} (so a process without those roles never makes it:
 * starting it asks S3 for the bucket, which their IAM policy does not allow). Made lazily by the first file instead,
 * an endpoint first asked for while Camel shuts down (Ctrl-C with steps in flight) is made but never started: its S3
 * client is null, every retry of the step fails and the job ends FAILED instead of resuming after the restart.
 */
@Component
public class ProcessedBucketEndpoint implements CamelContextConfiguration {

    private final ResourceNames names;
    private final Roles roles;

    public ProcessedBucketEndpoint(ResourceNames names, Roles roles) {
        this.names = names;
        this.roles = roles;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        // nothing before start: the bucket may not exist yet (AwsResourceBootstrap)
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        if (roles.has(Roles.MEDIA) || roles.has(Roles.AI)) {
            Endpoint endpoint = camel.getEndpoint(ProcessedObjects.endpoint(names));
            ServiceHelper.startService(endpoint);
        }
    }
}
