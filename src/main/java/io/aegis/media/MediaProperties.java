package io.aegis.media;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Tuning and limits of the media steps ({@code aegis.media}): where tools run, how long they may take and
 * how much of a file they may consume. Thumbnail sizes are not here: ops set them in routes/.
 */
@ConfigurationProperties("aegis.media")
public record MediaProperties(
        Path workDir,
        Duration toolTimeout,
        ToolLimits toolLimits,
        Tools tools,
        Image image,
        Video video,
        Pdf pdf,
        Transcribe transcribe) {

    /** Executables, by name on the PATH or absolute path. */
    public record Tools(String ffmpeg, String ffprobe, String tesseract, String pocketsphinx) {
    }

    public record Image(long maxPixels, float jpegQuality, int ocrMaxChars, String ocrLanguage) {
    }

    public record Video(Duration maxDuration, double posterAt) {
    }

    public record Pdf(int maxPages, long maxChars, DataSize maxDecodedStreams) {
    }

    /**
     * {@code provider}: pocketsphinx (offline) or openai (any OpenAI-compatible /v1/audio/transcriptions).
     * Long audio is cut near {@code chunkSeconds} at the quietest moment within {@code searchSeconds}.
     */
    public record Transcribe(String provider, double chunkSeconds, double searchSeconds, int parallelChunks,
                             int maxStoredSegments, OpenAi openai) {
    }

    public record OpenAi(String baseUrl, String apiKey, String model, Duration timeout) {
    }
}
