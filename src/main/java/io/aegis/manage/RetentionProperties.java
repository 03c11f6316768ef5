package io.aegis.manage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-tenant retention ({@code aegis.retention}): assets of a tenant older than its number of days are deleted by
 * the sweep, exactly as {@code DELETE /v1/assets/{id}} would. {@code tenantDays} is {@code tenant=days,...}
 * (env {@code AEGIS_RETENTION_DAYS}, the same map Terraform turns into S3 lifecycle rules); a tenant not named keeps
 * its assets.
 *
 * @param tenantDays   {@code acme=30,beta=365}
 * @param checkInterval time between two sweeps
 * @param maxPerSweep  assets deleted per tenant and sweep at most (the next sweep goes on)
 */
@ConfigurationProperties("aegis.retention")
public record RetentionProperties(String tenantDays, Duration checkInterval, int maxPerSweep) {

    public RetentionProperties {
        checkInterval = checkInterval == null ? Duration.ofHours(1) : checkInterval;
        maxPerSweep = maxPerSweep <= 0 ? 500 : maxPerSweep;
        days(tenantDays); // refuses a malformed setting at start-up
    }

    /** tenant → days; empty when no tenant has retention. */
    public Map<String, Integer> days() {
        return days(tenantDays);
    }

    private static Map<String, Integer> days(String setting) {
        Map<String, Integer> days = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            return days;
        }
        for (String entry : setting.split(",")) {
            String[] parts = entry.trim().split("=");
            int value;
            try {
                value = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (parts.length != 2 || parts[0].isBlank() || value < 1) {
                throw new IllegalArgumentException("aegis.retention.tenant-days: '" + entry.trim()
                        + "' is not tenant=days with days at least 1");
            }
            days.put(parts[0].trim(), value);
        }
        return days;
    }
}
