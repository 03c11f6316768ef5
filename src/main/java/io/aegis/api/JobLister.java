package io.aegis.api;

import io.aegis.platform.AegisHeaders;
import io.aegis.platform.security.ApiLimitsProperties;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import java.util.Map;
import io.aegis.state.JobStore;
import java.util.Arrays;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * GET /v1/jobs?status=&limit=&cursor=: the caller's tenant's jobs, newest first; at most {@code aegis.api.list-max-pages}
 * index pages read per call (a status filter that matches few jobs answers with a cursor to continue from).
 */
@Component("jobLister")
public class JobLister implements Processor {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final JobStore jobs;
    private final AssetStore assets;
    private final RenditionLinks links;
    private final ApiResponses responses;
    private final int maxPages;

    public JobLister(JobStore jobs, AssetStore assets, RenditionLinks links, ApiResponses responses,
                     ApiLimitsProperties api) {
        this.jobs = jobs;
        this.assets = assets;
        this.links = links;
        this.responses = responses;
        this.maxPages = api.listMaxPages();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String tenant = in.getHeader(AegisHeaders.TENANT, String.class);
        JobStatus status = status(in.getHeader("status", String.class));
        int limit = PageLimit.parse(in.getHeader("limit", String.class), DEFAULT_LIMIT, MAX_LIMIT);
        JobStore.JobPage page;
        try {
            page = jobs.listByTenant(tenant, status, limit, in.getHeader("cursor", String.class), maxPages);
        } catch (JobStore.InvalidCursorException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        // One batch read for the page's pictures; the URLs are minted only for the caller's own jobs' assets.
        Map<String, Asset.Rendition> previews = assets.previews(page.jobs().stream().map(Job::assetId).toList());
        responses.json(exchange, 200, new JobList(page.jobs().stream()
                .map(job -> JobView.of(job, links.view(previews.get(job.assetId()))))
                .toList(), page.nextCursor()));
    }

    private static JobStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return JobStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("status must be one of " + Arrays.toString(JobStatus.values()));
        }
    }
}
