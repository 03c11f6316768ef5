package io.aegis.api;

import java.time.Instant;
import java.util.Map;

/**
 * The 201 answer to POST /v1/uploads: PUT the file's bytes to {@code uploadUrl} with {@code headers} before
 * {@code expiresAt}; the job starts once the object has landed.
 */
public record UploadUrlIssued(String jobId, String assetId, String uploadUrl, Instant expiresAt, String method,
                              Map<String, String> headers, long sizeBytes, JobView.Links links) {
}
