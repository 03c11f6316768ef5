package io.aegis.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Lifetime of the presigned GET URLs in asset answers: short, since anyone holding one can download. */
@ConfigurationProperties("aegis.download")
public record DownloadUrlProperties(Duration urlExpiry) {

    public DownloadUrlProperties {
        urlExpiry = urlExpiry == null ? Duration.ofMinutes(15) : urlExpiry;
        if (urlExpiry.isNegative() || urlExpiry.isZero() || urlExpiry.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("aegis.download.url-expiry must be between 1s and 7d, was " + urlExpiry);
        }
    }
}
