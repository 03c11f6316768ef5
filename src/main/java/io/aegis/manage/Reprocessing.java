package io.aegis.manage;

import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.JobStore;
import io.aegis.steps.StepCatalog;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Starts a new job over an asset's stored original: checks the steps asked for, refuses while a job of the asset has
 * not ended, and marks the asset as reprocessing ({@link Asset#reprocessingBy}) so its current insights stay what
 * readers see until the new job succeeds. The job itself is then created and announced by
 * {@code direct:create-job} like any upload's.
 */
@Component
public class Reprocessing {

    private final AssetStore assets;
    private final JobStore jobs;
    private final StepCatalog catalog;
    private final Clock clock = Clock.systemUTC();

    public Reprocessing(AssetStore assets, JobStore jobs, StepCatalog catalog) {
        this.assets = assets;
        this.jobs = jobs;
        this.catalog = catalog;
    }

    /** Null when the steps are acceptable (null or empty: the whole plan), otherwise why not. */
    public String invalidSteps(List<String> steps) {
        if (steps == null) {
            return null;
        }
        for (String step : steps) {
            if (step == null || !catalog.knows(step)) {
                return "unknown step '" + step + "'; known: " + catalog.names();
            }
        }
        return null;
    }

    /** True when no job of the asset is still queued or running. */
    public boolean idle(Asset asset) {
        return asset.allJobIds().stream().allMatch(id -> jobs.find(id).map(j -> j.status().isTerminal()).orElse(true));
    }

    /** Marks the asset and answers the new job's id; empty when a job of the asset has not ended. */
    public Optional<String> start(Asset asset, List<String> steps) {
        if (!idle(asset)) {
            return Optional.empty();
        }
        String jobId = UUID.randomUUID().toString();
        List<String> asked = steps == null || steps.isEmpty() ? null : List.copyOf(steps);
        boolean[] started = {false};
        assets.update(asset.assetId(), current -> {
            // A job recorded on the asset since it was read (another request's) wins: this one starts nothing.
            started[0] = current.versions().size() == asset.versions().size();
            return started[0] ? settle(current).reprocessingBy(jobId, asked, clock.instant()) : current;
        });
        return started[0] ? Optional.of(jobId) : Optional.empty();
    }

    /**
     * The asset with its reprocessing settled when that job has ended but the asset was not told (the process that
     * ended it died in between): the same instance when there is nothing to settle.
     */
    public Asset settle(Asset asset) {
        if (asset.reprocessing() == null) {
            return asset;
        }
        return jobs.find(asset.reprocessing().jobId())
                .filter(job -> job.status().isTerminal())
                .map(job -> asset.jobEnded(job, clock.instant()))
                .orElse(asset);
    }

    /** {@link #settle} and store the result when it changed anything. */
    public Asset settled(Asset asset) {
        Asset settled = settle(asset);
        if (settled == asset) {
            return asset;
        }
        return assets.update(asset.assetId(), this::settle).orElse(settled);
    }
}
