package io.aegis.api;

/** The 202 answer to POST /v1/upload. */
public record UploadAccepted(String jobId, String assetId, String status, JobView.Links links) {
}
