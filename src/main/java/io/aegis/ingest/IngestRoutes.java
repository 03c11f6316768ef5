package io.aegis.ingest;

import io.aegis.platform.aws.ResourceNames;
import io.aegis.platform.Roles;
import io.aegis.platform.aws.SqsEndpoints;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.springframework.stereotype.Component;

/**
 * S3 drop-in: objects under the raw bucket's inbox become jobs. Two ways in — polling the bucket (works
 * anywhere, no setup) and S3 event notifications on aegis-ingest (the AWS way) — share one ingest route.
 */
@Component
public class IngestRoutes extends RouteBuilder {

    private final ResourceNames names;
    private final InboxProperties inbox;
    private final SqsEndpoints sqs;
    private final Roles roles;
    private final S3EventReader s3EventReader;
    private final InboxObjectMover inboxObjectMover;
    private final InboxObjectRemover inboxObjectRemover;

    public IngestRoutes(ResourceNames names, InboxProperties inbox, SqsEndpoints sqs, Roles roles,
                        S3EventReader s3EventReader, InboxObjectMover inboxObjectMover,
                        InboxObjectRemover inboxObjectRemover) {
        this.names = names;
        this.inbox = inbox;
        this.sqs = sqs;
        this.roles = roles;
        this.s3EventReader = s3EventReader;
        this.inboxObjectMover = inboxObjectMover;
        this.inboxObjectRemover = inboxObjectRemover;
    }

    @Override
    public void configure() {
        // ignoreBody: the poll only lists keys; the mover copies server-side, so no byte passes through here.
        // deleteAfterRead=false: the ingest route deletes the object itself, and only once its job exists.
        from("aws2-s3://" + names.buckets().raw()
                + "?prefix=" + inbox.prefix()
                + "&ignoreBody=true&includeFolders=false&deleteAfterRead=false&moveAfterRead=false"
                + "&maxMessagesPerPoll=100&delay=" + inbox.pollDelayMs())
                .routeId("ingest.s3-drop")
                .autoStartup(roles.has(Roles.ORCHESTRATOR))
                .to("direct:ingest-object");

        from(sqs.consumer(names.queues().ingest(), 1)).routeId("ingest.s3-event")
                .autoStartup(roles.has(Roles.ORCHESTRATOR))
                .process(s3EventReader)
                .split(body())
                    .setHeader(AWS2S3Constants.KEY, body())
                    .choice()
                        .when(header(AWS2S3Constants.KEY).startsWith(inbox.prefix())).to("direct:ingest-object")
                        // Anything else may be a presigned upload landing (PresignedUploadRoutes).
                        .otherwise().to("direct:upload-landed")
                    .end()
                .end();

        from("direct:ingest-object").routeId("ingest.object")
                .process(inboxObjectMover)
                .filter(exchangeProperty(InboxObjectMover.ACCEPTED).isEqualTo(true))
                    .to("direct:create-job")
                    .process(inboxObjectRemover)
                .end();
    }
}
