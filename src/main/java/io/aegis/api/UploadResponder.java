package io.aegis.api;

import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** 202 Accepted with the job's location: processing happens after the answer. A replay answers the same. */
@Component("uploadResponder")
public class UploadResponder implements Processor {

    private final ApiResponses responses;

    public UploadResponder(ApiResponses responses) {
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        var links = JobView.Links.of(jobId, assetId);
        responses.json(exchange, 202, new UploadAccepted(jobId, assetId, "QUEUED", links));
        exchange.getMessage().setHeader("Location", links.job());
        if (exchange.getProperty(IdempotencyKeyReserver.REPLAY, false, Boolean.class)) {
            exchange.getMessage().setHeader(IdempotencyKeyReserver.REPLAYED_HEADER, "true");
        }
    }
}
