package io.aegis.media.audio;

/** The transcription service could not answer now (rate limit, outage, timeout): a retry later may succeed. */
public class TranscriptionUnavailable extends RuntimeException {

    public TranscriptionUnavailable(String message) {
        super(message);
    }

    public TranscriptionUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
