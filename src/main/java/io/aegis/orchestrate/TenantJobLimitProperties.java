package io.aegis.orchestrate;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * At most {@code maxRunning} jobs of one tenant run at a time ({@code tenants} overrides it per tenant, 0 = no
 * limit); a job beyond it stays QUEUED and its message comes back after {@code retryDelay}.
 */
@ConfigurationProperties("aegis.tenant-jobs")
public record TenantJobLimitProperties(int maxRunning, Map<String, Integer> tenants, Duration retryDelay) {

    public TenantJobLimitProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        retryDelay = retryDelay == null ? Duration.ofSeconds(10) : retryDelay;
    }

    public int limitOf(String tenant) {
        return tenants.getOrDefault(tenant, maxRunning);
    }
}
