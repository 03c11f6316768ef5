package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import io.aegis.steps.StepCatalog;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Appends the steps the dispatch route chose ({@code aegis.plan}) to the job as PENDING; a media kind the
 * routing table gives no plan fails the job with UNSUPPORTED_MEDIA_TYPE.
 */
@Component("planRecorder")
public class PlanRecorder implements Processor {

    private final JobLifecycle lifecycle;
    private final StepCatalog catalog;

    public PlanRecorder(JobLifecycle lifecycle, StepCatalog steps) {
        this.lifecycle = lifecycle;
        this.catalog = steps;
    }

    @Override
    public void process(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        String plan = exchange.getMessage().getHeader(AegisHeaders.PLAN, "", String.class);
        List<String> steps = Arrays.stream(plan.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (steps.isEmpty()) {
            throw new StepFailure(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "no pipeline handles "
                    + exchange.getMessage().getHeader(AegisHeaders.MIME_TYPE) + " ("
                    + exchange.getMessage().getHeader(AegisHeaders.MEDIA_TYPE) + ")");
        }
        for (String step : steps) {
            if (!catalog.knows(step)) {
                // A typo in routes/*.yaml must fail loudly, not leave a job waiting on a queue nobody reads.
                throw new IllegalArgumentException("routes plan names unknown step '" + step + "'; known: "
                        + catalog.names());
            }
        }
        exchange.setProperty(JobHeaders.WRITTEN, lifecycle.plan(jobId, steps));
    }
}
