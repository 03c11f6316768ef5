package io.aegis.api;

import io.aegis.manage.Reprocessing;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.ResourceNames;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * GET /v1/assets/{assetId} of the caller's tenant only, with presigned, short-lived rendition URLs
 * ({@code aegis.download.url-expiry}); the URLs are minted only after the tenant check.
 */
@Component("assetReader")
public class AssetReader implements Processor {

    private final AssetStore assets;
    private final S3Presigner presigner;
    private final ApiResponses responses;
    private final String processedBucket;
    private final Duration urlLifetime;
    private final String rawBucket;

    private final Reprocessing reprocessing;

    public AssetReader(AssetStore assets, S3Presigner presigner, ApiResponses responses, ResourceNames names,
                       DownloadUrlProperties downloads, Reprocessing reprocessing) {
        this.assets = assets;
        this.reprocessing = reprocessing;
        this.urlLifetime = downloads.urlExpiry();
        this.presigner = presigner;
        this.responses = responses;
        this.processedBucket = names.buckets().processed();
        this.rawBucket = names.buckets().raw();
    }

    @Override
    public void process(Exchange exchange) {
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader("assetId", String.class);
        var asset = assets.find(assetId).filter(a -> a.tenant().equals(tenant)).map(reprocessing::settled)
                .orElseThrow(() -> ApiProblem.notFound("asset", assetId));
        responses.json(exchange, 200, AssetView.of(asset, this::presign, this::presignOriginal));
    }

    // Served with the detected type, so a browser plays it whatever the uploader's client claimed.
    private String presignOriginal(Asset asset) {
        return presigner.presignGetObject(b -> b.signatureDuration(urlLifetime)
                .getObjectRequest(get -> get.bucket(rawBucket).key(asset.rawKey())
                        .responseContentType(asset.mimeType()))).url().toString();
    }

    private String presign(String key) {
        return presigner.presignGetObject(b -> b.signatureDuration(urlLifetime)
                .getObjectRequest(get -> get.bucket(processedBucket).key(key))).url().toString();
    }
}
