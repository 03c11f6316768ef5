package io.aegis.steps;

import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.ProcessedObjects;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The two endpoints a step declared in routes/steps/ records its outputs through (routes/README.md, "Steps in YAML"):
 * a file of its scratch directory as a rendition, stored in the processed bucket through {@code aws2-s3}; a JSON body
 * as an insight. Both refuse what the step file does not declare.
 */
@Component
public class StepOutputRoutes extends RouteBuilder {

    private final ResourceNames names;
    private final StepRenditionPreparer stepRenditionPreparer;
    private final StepRenditionRecorder stepRenditionRecorder;
    private final StepInsightRecorder stepInsightRecorder;

    public StepOutputRoutes(ResourceNames names, StepRenditionPreparer stepRenditionPreparer,
                            StepRenditionRecorder stepRenditionRecorder, StepInsightRecorder stepInsightRecorder) {
        this.names = names;
        this.stepRenditionPreparer = stepRenditionPreparer;
        this.stepRenditionRecorder = stepRenditionRecorder;
        this.stepInsightRecorder = stepInsightRecorder;
    }

    @Override
    public void configure() {
        // Failures travel up to the step's queue consumer, which applies the error policy.
        errorHandler(noErrorHandler());

        from("direct:record-rendition").routeId("steps.record-rendition")
                .process(stepRenditionPreparer)
                .toD(ProcessedObjects.endpoint(names))
                .process(stepRenditionRecorder);

        from("direct:record-insight").routeId("steps.record-insight")
                .process(stepInsightRecorder);
    }
}
