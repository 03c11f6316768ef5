package io.aegis.state;

/** The failure codes a job or step can end with (design.md §3). */
public enum ErrorCode {
    UNSUPPORTED_MEDIA_TYPE,
    FILE_TOO_LARGE,
    EMPTY_FILE,
    CORRUPT_MEDIA,
    DECOMPRESSION_BOMB,
    LIMIT_EXCEEDED,
    PROCESSING_TIMEOUT,
    PROVIDER_UNAVAILABLE,
    INTERNAL,
    /** A presigned upload's object never arrived before its URL expired (plus grace). */
    UPLOAD_EXPIRED,
    /**
     * Nothing moved the job for {@code aegis.recovery.stranded-after} although no message for it was waiting, and
     * announcing it again {@code aegis.recovery.max-recoveries} times did not move it either.
     */
    STRANDED,

    /** A model's answer broke the JSON Schema of the insight it was asked for, again after one repair turn. */
    MODEL_ANSWER_INVALID
}
