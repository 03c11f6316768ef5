package io.aegis.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A multipart upload: PUT each part's bytes ({@code offset}, {@code sizeBytes} of the file) to its {@code url} (no
 * Content-Type needed), in any order and as often as needed, then POST {@code links.complete}. {@code completedParts}
 * are the parts S3 already holds (on resume). Part URLs expire at {@code urlsExpireAt}; GET {@code links.status}
 * signs the missing ones anew. The upload must be completed by {@code uploadExpiresAt}.
 */
public record MultipartUploadIssued(String jobId, String assetId, String method, long sizeBytes, long partSize,
                                    int partCount, List<Integer> completedParts, List<PartUrl> parts,
                                    Instant urlsExpireAt, Instant uploadExpiresAt, Links links) {

    public record PartUrl(int partNumber, long offset, long sizeBytes, String url) {
    }

    @Schema(name = "UploadLinks")
    public record Links(String job, String asset, String status, String complete, String abort) {
    }
}
