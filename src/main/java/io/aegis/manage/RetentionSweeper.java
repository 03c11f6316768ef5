package io.aegis.manage;

import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.Job;
import io.aegis.state.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One retention sweep: for each tenant with retention, the assets created before now − days (found through the
 * jobs' {@code byTenant} index, oldest first) are deleted by {@link AssetDeleter}, the same code path as
 * {@code DELETE /v1/assets/{id}}. Safe in several processes at once: deleting is idempotent and only the process whose
 * delete of the asset item succeeds announces {@code asset.deleted}.
 */
@Component("retentionSweeper")
public class RetentionSweeper implements Processor {

    /** Header: the instant to judge ages at (tests); the system clock when absent. */
    public static final String NOW = "aegis.now";

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    private final RetentionProperties retention;
    private final JobStore jobs;
    private final AssetStore assets;
    private final AssetDeleter deleter;
    private final Clock clock = Clock.systemUTC();

    public RetentionSweeper(RetentionProperties retention, JobStore jobs, AssetStore assets, AssetDeleter deleter) {
        this.retention = retention;
        this.jobs = jobs;
        this.assets = assets;
        this.deleter = deleter;
    }

    @Override
    public void process(Exchange exchange) {
        Instant now = exchange.getMessage().getHeader(NOW, clock.instant(), Instant.class);
        int deleted = 0;
        for (var tenant : retention.days().entrySet()) {
            deleted += sweep(tenant.getKey(), now.minus(Duration.ofDays(tenant.getValue())));
        }
        exchange.getMessage().setBody(deleted);
    }

    /** Deletes the tenant's assets created before {@code cutoff}; answers how many. */
    public int sweep(String tenant, Instant cutoff) {
        Set<String> assetIds = new LinkedHashSet<>();
        for (Job job : jobs.createdBefore(tenant, cutoff, retention.maxPerSweep())) {
            assetIds.add(job.assetId());
        }
        int deleted = 0;
        for (String assetId : assetIds) {
            Asset asset = assets.find(assetId).orElse(null);
            if (asset == null) {
                // Only its (reprocessing) jobs were left behind by a deletion cut short: finish it.
                jobs.createdBefore(tenant, cutoff, retention.maxPerSweep()).stream()
                        .filter(job -> assetId.equals(job.assetId())).forEach(job -> jobs.delete(job.jobId()));
                continue;
            }
            if (asset.tenant().equals(tenant) && asset.createdAt() != null && asset.createdAt().isBefore(cutoff)) {
                deleter.delete(asset, "retention");
                deleted++;
            }
        }
        if (deleted > 0) {
            log.info("retention: {} asset(s) of tenant {} created before {} deleted", deleted, tenant, cutoff);
        }
        return deleted;
    }
}
