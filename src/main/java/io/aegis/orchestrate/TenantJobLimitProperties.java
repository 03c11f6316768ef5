package io.aegis.orchestrate;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much one tenant may have in the pipeline. At most {@code maxRunning} of its jobs run at a time ({@code tenants}
 * overrides it per tenant, 0 = no limit); a job beyond it stays QUEUED on its tenant's waiting list and is woken when
 * a slot is given back ({@link TenantJobLimit}); its own message comes back after {@code retryDelay} only as a
 * fallback for a lost wake-up. Uploads are refused (429) once {@code maxQueued} of its jobs wait, or {@code maxPendingUploads}
 * presigned uploads await their file (0 = no cap). {@code quotas} overrides any of the three per tenant.
 */
@ConfigurationProperties("aegis.tenant-jobs")
public record TenantJobLimitProperties(int maxRunning, Map<String, Integer> tenants, Duration retryDelay,
                                       int maxQueued, int maxPendingUploads, Map<String, Quota> quotas) {

    public TenantJobLimitProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        retryDelay = retryDelay == null ? Duration.ofSeconds(60) : retryDelay;
        quotas = quotas == null ? Map.of() : Map.copyOf(quotas);
    }

    /** One tenant's own numbers; a missing one is the general setting. */
    public record Quota(Integer maxRunning, Integer maxQueued, Integer maxPendingUploads) {
    }

    public int limitOf(String tenant) {
        Quota quota = quotas.get(tenant);
        return quota != null && quota.maxRunning() != null ? quota.maxRunning() : tenants.getOrDefault(tenant, maxRunning);
    }

    public int maxQueuedOf(String tenant) {
        Quota quota = quotas.get(tenant);
        return quota != null && quota.maxQueued() != null ? quota.maxQueued() : maxQueued;
    }

    public int maxPendingUploadsOf(String tenant) {
        Quota quota = quotas.get(tenant);
        return quota != null && quota.maxPendingUploads() != null ? quota.maxPendingUploads() : maxPendingUploads;
    }
}
