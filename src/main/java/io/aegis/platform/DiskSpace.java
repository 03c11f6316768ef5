package io.aegis.platform;

import io.aegis.platform.aws.AwsProperties;
import io.aegis.platform.aws.EmbeddedAwsProperties;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Free space where Aegis writes: the upload spool, the steps' work folder and (embedded servers) the data folder.
 * Below {@code aegis.upload.min-free-disk} on any of them, readiness is DOWN (component {@code disk}: a load balancer
 * stops sending work) and uploads are answered 503 before their body is read, so the disk never fills up.
 */
@Component("disk")
public class DiskSpace implements HealthIndicator {

    private final Map<String, Path> folders = new LinkedHashMap<>();
    private final long minFree;

    @Autowired
    public DiskSpace(UploadProperties upload, @Value("${aegis.media.work-dir}") Path workDir, AwsProperties aws,
                     EmbeddedAwsProperties embedded) {
        this.minFree = upload.minFreeDisk().toBytes();
        folders.put("uploads", upload.spoolDir());
        // The steps' work folder, by its setting: platform knows no feature package (docs/architecture.md §2).
        folders.put("work", workDir);
        if (aws.embedded()) {
            folders.put("data", embedded.dataDir());
        }
    }

    DiskSpace(Map<String, Path> folders, long minFree) {
        this.folders.putAll(folders);
        this.minFree = minFree;
    }

    /** Whether {@code bytes} more still leave the minimum free in every folder. */
    public boolean hasRoomFor(long bytes) {
        return folders.values().stream().allMatch(folder -> usable(folder) - Math.max(0, bytes) >= minFree);
    }

    @Override
    public Health health() {
        var health = Health.up();
        for (var folder : folders.entrySet()) {
            long usable = usable(folder.getValue());
            if (usable < minFree) {
                health = Health.down();
            }
            health.withDetail(folder.getKey(), Map.of("free", usable, "threshold", minFree));
        }
        return health.build();
    }

    // The nearest existing ancestor: a folder made on first use still has a file system to ask.
    private static long usable(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            FileStore store = Files.getFileStore(existing == null ? Path.of("/") : existing);
            return store.getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    List<Path> folders() {
        return List.copyOf(folders.values());
    }
}
