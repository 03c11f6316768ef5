package io.aegis.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.manage.Reprocessing;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * POST /v1/admin/reprocess (operators): reprocess every asset matching a filter (tenant, media kind, created
 * from/to), optionally some steps only. {@code dryRun} (the default) only counts what matches; otherwise each asset
 * gets a job as with {@code POST /v1/assets/{id}/reprocess}, an asset with a job still under way being skipped. At
 * most {@code limit} assets (1-1000, default 100) per call: call again for the rest.
 */
@Component("bulkReprocessor")
public class BulkReprocessor implements Processor {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_BODY_CHARS = 4096;
    static final List<String> MEDIA_KINDS = List.of("image", "video", "audio", "pdf", "text");

    private final AssetStore assets;
    private final Reprocessing reprocessing;
    private final ObjectMapper json;
    private final ApiResponses responses;
    private final ProducerTemplate producer;

    public BulkReprocessor(AssetStore assets, Reprocessing reprocessing, ObjectMapper json, ApiResponses responses,
                           ProducerTemplate producer) {
        this.assets = assets;
        this.reprocessing = reprocessing;
        this.json = json;
        this.responses = responses;
        this.producer = producer;
    }

    @Override
    public void process(Exchange exchange) {
        Filter filter = read(exchange.getMessage().getBody(String.class));
        String invalid = reprocessing.invalidSteps(filter.steps());
        if (invalid != null) {
            throw ApiProblem.badRequest(invalid);
        }
        if (filter.mediaType() != null && !MEDIA_KINDS.contains(filter.mediaType())) {
            throw ApiProblem.badRequest("mediaType must be one of " + MEDIA_KINDS);
        }
        Instant from = instant(filter.from(), "from");
        Instant to = instant(filter.to(), "to");
        int limit = filter.limit() == null ? DEFAULT_LIMIT : filter.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        boolean dryRun = filter.dryRun() == null || filter.dryRun();
        List<Asset> matched = assets.scan(blankToNull(filter.tenant()), filter.mediaType(), from, to, limit);
        List<Started> started = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (!dryRun) {
            for (Asset asset : matched) {
                var jobId = reprocessing.start(asset, filter.steps());
                if (jobId.isEmpty()) {
                    skipped.add(asset.assetId());
                    continue;
                }
                Exchange create = new DefaultExchange(exchange.getContext());
                ReprocessRequester.prepare(create.getMessage(), asset, jobId.get());
                Exchange done = producer.send("direct:create-job", create);
                if (done.getException() != null) {
                    throw new IllegalStateException("reprocessing stopped at asset " + asset.assetId(),
                            done.getException());
                }
                started.add(new Started(asset.assetId(), jobId.get()));
            }
        }
        responses.json(exchange, 200, new Report(dryRun, matched.size(), matched.size() == limit, started.size(),
                skipped, started));
    }

    private Filter read(String body) {
        if (body == null || body.isBlank()) {
            return new Filter(null, null, null, null, null, null, null);
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new ApiProblem(413, "Payload too large", "the request body is over " + MAX_BODY_CHARS + " characters");
        }
        try {
            Filter filter = json.readValue(body, Filter.class);
            return filter == null ? new Filter(null, null, null, null, null, null, null) : filter;
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not the expected JSON object: " + e.getOriginalMessage());
        }
    }

    private static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Schema(name = "BulkReprocessRequest")
    record Filter(String tenant, String mediaType, String from, String to, List<String> steps, Boolean dryRun,
                  Integer limit) {
    }

    /** {@code more}: the limit was reached, so more assets may match. */
    @Schema(name = "BulkReprocessReport")
    record Report(boolean dryRun, int matched, boolean more, int started, List<String> skipped, List<Started> jobs) {
    }

    @Schema(name = "BulkReprocessJob")
    record Started(String assetId, String jobId) {
    }
}
