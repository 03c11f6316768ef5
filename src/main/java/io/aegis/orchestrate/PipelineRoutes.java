package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.SqsEndpoints;
import io.aegis.steps.StepWorkspace;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * The job flow between the queues: create a job, run validate and metadata, hand over to the YAML dispatch
 * route (routes/dispatch-by-media-kind.yaml), then move the job step by step through the worker queues
 * until it ends. These routes have no error handler of their own: a failure travels up to the queue
 * consumer ({@link OrchestrationRoutes}) or the API route that called them, which decides.
 */
@Component
public class PipelineRoutes extends RouteBuilder {

    private final SqsEndpoints sqs;
    private final PipelineProperties pipeline;
    private final JobCreator jobCreator;
    private final StepStarter stepStarter;
    private final StepWorkspace stepWorkspace;
    private final StepFinisher stepFinisher;
    private final StepDeferrer stepDeferrer;
    private final StepLeases stepLeases;
    private final MediaValidator mediaValidator;
    private final MetadataExtractor metadataExtractor;
    private final PlanRecorder planRecorder;
    private final PlanAdvancer planAdvancer;
    private final JobFailer jobFailer;
    private final DeadLetterHandOff deadLetterHandOff;

    public PipelineRoutes(SqsEndpoints sqs, PipelineProperties pipeline, JobCreator jobCreator, StepStarter stepStarter,
                          StepWorkspace stepWorkspace, StepFinisher stepFinisher, StepDeferrer stepDeferrer,
                          StepLeases stepLeases, MediaValidator mediaValidator, MetadataExtractor metadataExtractor,
                          PlanRecorder planRecorder, PlanAdvancer planAdvancer, JobFailer jobFailer,
                          DeadLetterHandOff deadLetterHandOff) {
        this.sqs = sqs;
        this.pipeline = pipeline;
        this.jobCreator = jobCreator;
        this.stepStarter = stepStarter;
        this.stepWorkspace = stepWorkspace;
        this.stepFinisher = stepFinisher;
        this.stepDeferrer = stepDeferrer;
        this.stepLeases = stepLeases;
        this.mediaValidator = mediaValidator;
        this.metadataExtractor = metadataExtractor;
        this.planRecorder = planRecorder;
        this.planAdvancer = planAdvancer;
        this.jobFailer = jobFailer;
        this.deadLetterHandOff = deadLetterHandOff;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        // Shared by uploads and S3 drop-ins: the object is in the raw bucket, now it becomes a job.
        from("direct:create-job").routeId("orchestrate.create-job")
                .process(jobCreator)
                .filter(header(AegisHeaders.NEXT_QUEUE).isNotNull())
                    .marshal().json(JsonLibrary.Jackson)
                    .toD(sqs.producerFromHeader(AegisHeaders.NEXT_QUEUE))
                .end();

        from("direct:orchestrate").routeId("orchestrate.run")
                // Validate started in the claim's write; each end is written with the next write (StepEnd): validate's
                // with metadata's start, metadata's with the plan. Three job writes here instead of six.
                .setProperty(StepFinisher.DEFER_END, constant(true))
                .setHeader(AegisHeaders.STEP, constant(JobClaimer.FIRST_STEP)).to("direct:run-step")
                .setHeader(AegisHeaders.STEP, constant("metadata")).to("direct:run-step")
                .removeProperty(StepFinisher.DEFER_END)
                // Which steps a media kind gets is the ops-editable routing table in routes/.
                .to("direct:dispatch")
                .to("direct:start-plan");

        from("direct:run-step").routeId("orchestrate.run-step")
                .process(stepStarter)
                .choice()
                    .when(exchangeProperty(StepStarter.OUTCOME).isEqualTo(StepStart.Outcome.STARTED))
                        // A step declared in routes/steps/ gets its scratch directory ready: the original, a poster.
                        // (The id is where tests weave in their fault switch: after the start, before the work.)
                        .process(stepWorkspace).id("prepare-workspace")
                        .toD("direct:step-${header[" + AegisHeaders.STEP + "]}")
                        .process(stepFinisher)
                    // Running elsewhere right now (a duplicate delivery): back on the queue for later, nothing else.
                    .when(exchangeProperty(StepStarter.OUTCOME).isEqualTo(StepStart.Outcome.BUSY))
                        .to("direct:defer-step")
                        .stop()
                .end();

        from("direct:defer-step").routeId("orchestrate.defer-step")
                .process(stepDeferrer)
                .toD(sqs.producerFromHeader(AegisHeaders.NEXT_QUEUE));

        // Keeps the leases of the steps running here alive, and stops the tools of jobs cancelled meanwhile.
        from("timer:step-leases?period=" + pipeline.steps().leaseRenewal().toMillis()).routeId("orchestrate.step-leases")
                .bean(stepLeases, "renewAll");

        from("direct:step-validate").routeId("orchestrate.validate").process(mediaValidator);
        from("direct:step-metadata").routeId("orchestrate.metadata")
                // Each kind's probe also enforces its limits (pixels, duration, pages) before any step decodes.
                .choice()
                    .when(header(AegisHeaders.MEDIA_TYPE).isEqualTo("image")).to("direct:probe-image")
                    .when(header(AegisHeaders.MEDIA_TYPE).in("video", "audio")).to("direct:probe-av")
                    .when(header(AegisHeaders.MEDIA_TYPE).isEqualTo("pdf")).to("direct:probe-pdf")
                    .when(header(AegisHeaders.MEDIA_TYPE).isEqualTo("document")).to("direct:probe-document")
                .end()
                .process(metadataExtractor);

        from("direct:start-plan").routeId("orchestrate.start-plan")
                .process(planRecorder)
                .to("direct:advance");

        from("direct:advance").routeId("orchestrate.advance")
                .process(planAdvancer)
                .filter(header(AegisHeaders.NEXT_QUEUE).isNotNull())
                    .marshal().json(JsonLibrary.Jackson)
                    .toD(sqs.producerFromHeader(AegisHeaders.NEXT_QUEUE))
                .end();

        from("direct:fail-job").routeId("orchestrate.fail-job").process(jobFailer);

        // Retries of a transient failure are used up: keep the original message in the DLQ, then fail the job.
        // Sent first, so a failed send leaves the message on its queue for SQS to redeliver.
        from("direct:dead-letter").routeId("orchestrate.dead-letter")
                .process(deadLetterHandOff)
                .toD(sqs.deadLetterProducerFromProperty(DeadLetterHandOff.DEAD_LETTER_QUEUE))
                .to("direct:fail-job");
    }
}
