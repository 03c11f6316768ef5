package io.aegis.api;

import io.aegis.manage.AssetDeleter;
import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * DELETE /v1/assets/{assetId}: the asset, its original and renditions (every version), its jobs, its search entries
 * and any upload still awaited are removed ({@link AssetDeleter}), then 204; another tenant's asset is a 404.
 */
@Component("assetRemover")
public class AssetRemover implements Processor {

    private final AssetDeleter deleter;
    private final ApiResponses responses;

    public AssetRemover(AssetDeleter deleter, ApiResponses responses) {
        this.deleter = deleter;
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader("assetId", String.class);
        var asset = deleter.find(tenant, assetId).orElseThrow(() -> ApiProblem.notFound("asset", assetId));
        deleter.delete(asset, "request");
        responses.noContent(exchange);
    }
}
