package io.aegis.manage;

import io.aegis.ai.search.PassageStore;
import io.aegis.orchestrate.JobLifecycle;
import io.aegis.orchestrate.StepLeases;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.JobStore;
import io.aegis.state.PendingUploadStore;
import io.aegis.state.RawObjects;
import io.aegis.webhooks.WebhookEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes an asset and everything made from it, for {@code DELETE /v1/assets/{id}} and the retention sweep alike:
 * <ol>
 *   <li>cancels its jobs that have not ended (their queued messages then find them ended and drop their work; a
 *   running step loses its lease and its tools are killed);</li>
 *   <li>forgets an upload still awaited, and removes every object (every version, and unfinished multipart uploads)
 *   under {@code {tenant}/{assetId}/} in the raw and processed buckets;</li>
 *   <li>removes its passages from the search index, vectors and words (the {@link PassageStore});</li>
 *   <li>removes its job items, then the asset item, and announces {@code asset.deleted}.</li>
 * </ol>
 * The asset item goes last, so a deletion cut short is finished by the next one; only the process whose conditional
 * delete of the asset item succeeded announces it, so two sweepers never announce one asset twice.
 */
@Component
public class AssetDeleter {

    private static final Logger log = LoggerFactory.getLogger(AssetDeleter.class);

    private final AssetStore assets;
    private final JobStore jobs;
    private final JobLifecycle lifecycle;
    private final StepLeases leases;
    private final PendingUploadStore pendingUploads;
    private final BucketPrefixes prefixes;
    private final PassageStore passages;
    private final WebhookEvents events;
    private final ResourceNames names;
    private final Clock clock = Clock.systemUTC();

    public AssetDeleter(AssetStore assets, JobStore jobs, JobLifecycle lifecycle, StepLeases leases,
                        PendingUploadStore pendingUploads, BucketPrefixes prefixes, PassageStore passages,
                        WebhookEvents events, ResourceNames names) {
        this.assets = assets;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.leases = leases;
        this.pendingUploads = pendingUploads;
        this.prefixes = prefixes;
        this.passages = passages;
        this.events = events;
        this.names = names;
    }

    /** The tenant's asset, if it has one of that id (another tenant's is as absent as a missing one). */
    public Optional<Asset> find(String tenant, String assetId) {
        return assetId == null ? Optional.empty() : assets.find(assetId).filter(a -> a.tenant().equals(tenant));
    }

    /** Deletes the asset; {@code reason} ("request", "retention") goes into the event. */
    public void delete(Asset asset, String reason) {
        for (String jobId : asset.allJobIds()) {
            lifecycle.cancel(jobId, asset.tenant()).filter(JobLifecycle.Cancellation::cancelled)
                    .ifPresent(cancelled -> leases.stopHere(jobId));
        }
        if (asset.rawKey() != null) {
            pendingUploads.remove(asset.rawKey());
        }
        String prefix = RawObjects.assetPrefix(asset.tenant(), asset.assetId());
        int objects = prefixes.purge(names.buckets().raw(), prefix) + prefixes.purge(names.buckets().processed(), prefix);
        passages.replace(asset.tenant(), asset.assetId(), List.of(), List.of());
        asset.allJobIds().forEach(jobs::delete);
        Instant now = clock.instant();
        if (assets.deleteIfPresent(asset.assetId())) {
            events.assetDeleted(asset.tenant(), asset.assetId(), asset.filename(), reason, now);
            log.info("asset {} of tenant {} deleted ({}): {} object(s), {} job(s)", asset.assetId(), asset.tenant(),
                    reason, objects, asset.allJobIds().size());
        }
    }
}
