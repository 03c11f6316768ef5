package io.aegis.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The multipart/form-data body of POST /v1/upload, for the OpenAPI document only: {@link UploadReceiver} reads the
 * part named {@value UploadReceiver#FIELD} as a stream.
 */
@Schema(requiredProperties = UploadReceiver.FIELD)
record UploadForm(
        @Schema(type = "string", format = "binary", description = "the file; its type is told from its bytes")
        String file) {
}
