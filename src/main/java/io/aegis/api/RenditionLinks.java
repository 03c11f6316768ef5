package io.aegis.api;

import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.Asset;
import java.time.Duration;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Short-lived presigned GETs for processed files ({@code aegis.download.url-expiry}); callers check the tenant first. */
@Component
public class RenditionLinks {

    private final S3Presigner presigner;
    private final String processedBucket;
    private final Duration urlLifetime;

    public RenditionLinks(S3Presigner presigner, ResourceNames names, DownloadUrlProperties downloads) {
        this.presigner = presigner;
        this.processedBucket = names.buckets().processed();
        this.urlLifetime = downloads.urlExpiry();
    }

    public String url(String key) {
        return presigner.presignGetObject(b -> b.signatureDuration(urlLifetime)
                .getObjectRequest(get -> get.bucket(processedBucket).key(key))).url().toString();
    }

    /** The rendition as the API shows it, or null for none. */
    public AssetView.RenditionView view(Asset.Rendition rendition) {
        return rendition == null ? null : new AssetView.RenditionView(rendition.kind(), rendition.width(), rendition.height(),
                rendition.format(), url(rendition.key()));
    }
}
