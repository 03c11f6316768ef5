package io.aegis.state;

import java.time.Instant;

/**
 * An {@code Idempotency-Key} of one tenant, reserved for the upload that became {@code jobId}. The job may
 * not exist yet: the reservation is made before the file is stored.
 */
public record UploadReservation(String tenant, String key, String jobId, String assetId, Instant reservedAt,
                                Instant expiresAt) {

    /** The table's key: the tenant's length first, so no tenant/key pair can collide with another. */
    String tenantKey() {
        return tenant.length() + ":" + tenant + ":" + key;
    }

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
