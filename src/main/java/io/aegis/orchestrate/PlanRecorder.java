package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
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
    private final AssetStore assets;

    public PlanRecorder(JobLifecycle lifecycle, StepCatalog steps, AssetStore assets) {
        this.lifecycle = lifecycle;
        this.catalog = steps;
        this.assets = assets;
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
        steps = requested(exchange, jobId, steps);
        for (String step : steps) {
            if (!catalog.knows(step)) {
                // A typo in routes/*.yaml must fail loudly, not leave a job waiting on a queue nobody reads.
                throw new IllegalArgumentException("routes plan names unknown step '" + step + "'; known: "
                        + catalog.names());
            }
        }
        // Metadata's end, left on the exchange by StepFinisher, is written with the plan: one write for both.
        exchange.setProperty(JobHeaders.WRITTEN, lifecycle.plan(jobId, steps, StepEnd.take(exchange)));
    }

    // A reprocessing job that asked for some steps runs those of the kind's plan, in the plan's order.
    private List<String> requested(Exchange exchange, String jobId, List<String> plan) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        List<String> asked = assetId == null ? null : assets.find(assetId)
                .map(Asset::reprocessing)
                .filter(r -> jobId.equals(r.jobId()) && r.steps() != null && !r.steps().isEmpty())
                .map(Asset.Reprocessing::steps)
                .orElse(null);
        if (asked == null) {
            return plan;
        }
        List<String> chosen = plan.stream().filter(asked::contains).toList();
        if (chosen.isEmpty()) {
            throw new StepFailure(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "none of the steps asked for " + asked
                    + " is in the plan for " + exchange.getMessage().getHeader(AegisHeaders.MEDIA_TYPE) + ": " + plan);
        }
        return chosen;
    }
}
