package io.aegis.orchestrate;

import io.aegis.state.AssetStore;
import io.aegis.state.JobChanged;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When a job ends, records it on its asset ({@link io.aegis.state.Asset#jobEnded}): a success becomes the asset's
 * current version (plan and models), a failed or cancelled reprocessing puts the kept insights back. Runs in the
 * process that wrote the terminal job, right after that write; a process that dies in between leaves the asset
 * marked as reprocessing, which {@code GET /v1/assets/{id}} settles from the job when it reads it.
 */
@Component
public class AssetVersionRecorder {

    private static final Logger log = LoggerFactory.getLogger(AssetVersionRecorder.class);

    private final AssetStore assets;
    private final Clock clock = Clock.systemUTC();

    public AssetVersionRecorder(AssetStore assets) {
        this.assets = assets;
    }

    // Before the webhook events of the same write: a job.succeeded receiver that reads the asset sees the new version.
    @Order(0)
    @EventListener
    public void jobChanged(JobChanged changed) {
        if (!changed.job().status().isTerminal() || changed.job().assetId() == null) {
            return;
        }
        try {
            assets.update(changed.job().assetId(), asset -> asset.jobEnded(changed.job(), clock.instant()));
        } catch (RuntimeException e) {
            // The job's own write stands; the asset is settled on its next read.
            log.warn("job {} ended but its asset {} could not record it: {}", changed.job().jobId(),
                    changed.job().assetId(), e.toString());
        }
    }
}
