package io.aegis.api;

import io.aegis.manage.Reprocessing;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.aws.ResourceNames;
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
    private final RenditionLinks links;
    private final ApiResponses responses;
    private final Duration urlLifetime;
    private final String rawBucket;

    private final Reprocessing reprocessing;

    public AssetReader(AssetStore assets, S3Presigner presigner, RenditionLinks links, ApiResponses responses,
                       ResourceNames names, DownloadUrlProperties downloads, Reprocessing reprocessing) {
        this.assets = assets;
        this.reprocessing = reprocessing;
        this.urlLifetime = downloads.urlExpiry();
        this.presigner = presigner;
        this.links = links;
        this.responses = responses;
        this.rawBucket = names.buckets().raw();
    }

    @Override
    public void process(Exchange exchange) {
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader("assetId", String.class);
        var asset = assets.find(assetId).filter(a -> a.tenant().equals(tenant)).map(reprocessing::settled)
                .orElseThrow(() -> ApiProblem.notFound("asset", assetId));
        responses.json(exchange, 200, AssetView.of(asset, links::url, this::presignOriginal));
    }

    /**
     * Pictures, sound, video and PDF are served with the type detected from their bytes, so a browser shows or plays
     * them whatever the uploader's client claimed. Anything else a browser could run (HTML, SVG, XML, scripts) is a
     * download: {@code attachment} and a type no browser executes, so nothing runs on the storage's origin.
     */
    private String presignOriginal(Asset asset) {
        boolean inline = OriginalDisposition.showsInline(asset.mimeType());
        return presigner.presignGetObject(b -> b.signatureDuration(urlLifetime)
                .getObjectRequest(get -> {
                    get.bucket(rawBucket).key(asset.rawKey());
                    if (inline) {
                        get.responseContentType(asset.mimeType());
                    } else {
                        get.responseContentType(OriginalDisposition.DOWNLOAD_TYPE)
                                .responseContentDisposition(OriginalDisposition.attachment(asset.filename()));
                    }
                })).url().toString();
    }
}
