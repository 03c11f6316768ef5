package io.aegis.orchestrate;

import io.aegis.platform.aws.ResourceNames;
import io.aegis.platform.Roles;
import io.aegis.platform.aws.SqsEndpoints;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * The queue consumers that drive jobs: claim a JOB_CREATED job and run it ({@link PipelineRoutes}), or run
 * one STEP_REQUESTED step and advance the plan. The error policy applies here, at the consumer, where a
 * failure is retried and finally recorded (routes/error-policy.yaml); the routes they call pass errors up untouched.
 */
@Component
public class OrchestrationRoutes extends RouteBuilder {

    /** The route configuration in routes/error-policy.yaml every queue consumer opts into. */
    static final String ERROR_POLICY = "step-errors";

    private final ResourceNames names;
    private final SqsEndpoints sqs;
    private final Roles roles;
    private final JobClaimer jobClaimer;
    private final StepMessageReader stepMessageReader;

    public OrchestrationRoutes(ResourceNames names, SqsEndpoints sqs, Roles roles, JobClaimer jobClaimer,
                               StepMessageReader stepMessageReader) {
        this.names = names;
        this.sqs = sqs;
        this.roles = roles;
        this.jobClaimer = jobClaimer;
        this.stepMessageReader = stepMessageReader;
    }

    @Override
    public void configure() {
        // The error policy (outage → wait for redelivery, permanent → fail the job, transient → retry with backoff,
        // then the DLQ) is ops-editable YAML: routes/error-policy.yaml, route configuration ERROR_POLICY.
        // Priority jobs get their own queue and consumers, so a backlog of normal jobs never delays them.
        var consumers = names.queues().consumers();
        jobConsumer("orchestrate.jobs-priority", names.queues().jobsPriority(), consumers.jobsPriority());
        jobConsumer("orchestrate.jobs", names.queues().jobs(), consumers.jobs());
        workerConsumer("media.worker", names.queues().media(), Roles.MEDIA, consumers.media());
        workerConsumer("ai.worker", names.queues().ai(), Roles.AI, consumers.ai());
    }

    private void jobConsumer(String routeId, String queue, int consumers) {
        from(sqs.consumer(queue, consumers)).routeId(routeId).routeConfigurationId(ERROR_POLICY)
                .autoStartup(roles.has(Roles.ORCHESTRATOR))
                .process(e -> keepOriginal(e, queue))
                .unmarshal().json(JsonLibrary.Jackson, JobMessage.class)
                .process(jobClaimer)
                // Claim outside the retried part: a redelivery must not find its own lease and give up.
                .choice()
                    .when(exchangeProperty(JobClaimer.CLAIMED).isEqualTo(true))
                        .to("direct:orchestrate")
                    // Held under another delivery's live lease (its worker may have died): the same message again when
                    // the lease lapses. Over the tenant's limit of running jobs: the job waits on its tenant's waiting
                    // list to be woken, and its fallback copy (JOB_WAITING) comes back after retry-delay.
                    .when(exchangeProperty(StepStarter.BUSY_UNTIL).isNotNull())
                        .to("direct:defer-step")
                .end();
    }

    private void workerConsumer(String routeId, String queue, String role, int consumers) {
        from(sqs.consumer(queue, consumers)).routeId(routeId).routeConfigurationId(ERROR_POLICY)
                .autoStartup(roles.has(role))
                .process(e -> keepOriginal(e, queue))
                .unmarshal().json(JsonLibrary.Jackson, JobMessage.class)
                .process(stepMessageReader)
                .to("direct:run-step")
                .to("direct:advance");
    }

    // A dead letter is the message as it arrived, not what the steps made of the exchange.
    private static void keepOriginal(Exchange exchange, String queue) {
        exchange.setProperty(DeadLetterHandOff.ORIGINAL_BODY, exchange.getMessage().getBody(String.class));
        exchange.setProperty(DeadLetterHandOff.SOURCE_QUEUE, queue);
    }
}
