package io.aegis.api;

/** The body of POST /v1/uploads: what the client is about to PUT. */
public record UploadRequest(String filename, String contentType, Long sizeBytes) {
}
