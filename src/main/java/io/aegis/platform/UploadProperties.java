package io.aegis.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Multipart uploads ({@code POST /v1/upload}): the largest file, where parts are spooled on their way to S3 (a folder
 * per request, deleted when it ends), and the free disk space below which uploads wait and readiness is DOWN.
 */
@ConfigurationProperties("aegis.upload")
public record UploadProperties(DataSize maxBytes, Path spoolDir, DataSize minFreeDisk) {

    public UploadProperties {
        maxBytes = maxBytes == null ? DataSize.ofGigabytes(1) : maxBytes;
        spoolDir = spoolDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "aegis-uploads") : spoolDir;
        minFreeDisk = minFreeDisk == null ? DataSize.ofGigabytes(2) : minFreeDisk;
    }
}
