package io.aegis.api;

import io.aegis.ai.search.HybridSearch;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** GET /v1/search?q=&limit=: hybrid search (meaning and words) over the caller's tenant's assets only. */
@Component("searchResponder")
public class SearchResponder implements Processor {

    static final int MAX_QUERY_CHARS = 500;
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;

    private final HybridSearch search;
    private final AssetStore assets;
    private final ApiResponses responses;

    public SearchResponder(HybridSearch search, AssetStore assets, ApiResponses responses) {
        this.search = search;
        this.assets = assets;
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String tenant = in.getHeader(AegisHeaders.TENANT, String.class);
        String query = query(in.getHeader("q", String.class));
        int limit = PageLimit.parse(in.getHeader("limit", String.class), DEFAULT_LIMIT, MAX_LIMIT);
        List<SearchResults.Item> items = search.search(tenant, query, limit).stream()
                .flatMap(hit -> item(hit, tenant).stream())
                .toList();
        responses.json(exchange, 200, new SearchResults(items));
    }

    // The asset's name and kind come from its record; a hit whose asset is gone (or not the caller's) is dropped.
    private Optional<SearchResults.Item> item(HybridSearch.Hit hit, String tenant) {
        return assets.find(hit.assetId())
                .filter(asset -> tenant.equals(asset.tenant()))
                .map((Asset asset) -> new SearchResults.Item(asset.assetId(), asset.jobId(), asset.filename(),
                        asset.mediaType(), hit.score(), hit.snippet(), hit.source(), hit.page(), hit.start(), hit.end(),
                        hit.meaning(), hit.words(), hit.matchedBy()));
    }

    private static String query(String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("q is required: the words to search for");
        }
        if (value.length() > MAX_QUERY_CHARS) {
            throw ApiProblem.badRequest("q must be at most " + MAX_QUERY_CHARS + " characters");
        }
        return value.strip();
    }
}
