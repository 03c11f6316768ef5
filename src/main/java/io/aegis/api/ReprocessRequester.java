package io.aegis.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.manage.Reprocessing;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * POST /v1/assets/{assetId}/reprocess, body optional {@code {"steps": ["summarize", "embed"]}}: a new job over the
 * stored original (its validate and metadata steps, then the kind's plan, or the steps of it asked for). The asset
 * keeps showing its insights until that job succeeds. 202 with the job; 409 while a job of the asset has not ended.
 * Sets the headers {@code direct:create-job} reads; the responder answers after the job is announced.
 */
@Component("reprocessRequester")
public class ReprocessRequester implements Processor {

    static final int MAX_BODY_CHARS = 4096;

    private final AssetStore assets;
    private final Reprocessing reprocessing;
    private final ObjectMapper json;

    public ReprocessRequester(AssetStore assets, Reprocessing reprocessing, ObjectMapper json) {
        this.assets = assets;
        this.reprocessing = reprocessing;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String tenant = in.getHeader(AegisHeaders.TENANT, String.class);
        String assetId = in.getHeader("assetId", String.class);
        List<String> steps = steps(in.getBody(String.class));
        Asset asset = assets.find(assetId).filter(a -> a.tenant().equals(tenant))
                .orElseThrow(() -> ApiProblem.notFound("asset", assetId));
        String jobId = reprocessing.start(asset, steps).orElseThrow(() -> new ApiProblem(409, "Conflict",
                "a job of asset " + assetId + " has not ended yet; reprocess it once that job has ended"));
        prepare(in, asset, jobId);
    }

    /** The headers of {@code direct:create-job} for a new job over {@code asset}'s original. */
    static void prepare(Message in, Asset asset, String jobId) {
        in.setHeader(AegisHeaders.JOB_ID, jobId);
        in.setHeader(AegisHeaders.ASSET_ID, asset.assetId());
        in.setHeader(AegisHeaders.TENANT, asset.tenant());
        in.setHeader(AegisHeaders.RAW_KEY, asset.rawKey());
        in.setHeader(AegisHeaders.FILENAME, asset.filename());
        in.setHeader(AegisHeaders.SIZE_BYTES, asset.sizeBytes());
        in.removeHeader(AegisHeaders.PRIORITY);
    }

    private List<String> steps(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new ApiProblem(413, "Payload too large", "the request body is over " + MAX_BODY_CHARS + " characters");
        }
        Request request;
        try {
            request = json.readValue(body, Request.class);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not the expected JSON object: " + e.getOriginalMessage());
        }
        List<String> steps = request == null ? null : request.steps();
        String invalid = reprocessing.invalidSteps(steps);
        if (invalid != null) {
            throw ApiProblem.badRequest(invalid);
        }
        return steps;
    }

    @Schema(name = "ReprocessRequest")
    record Request(List<String> steps) {
    }
}
