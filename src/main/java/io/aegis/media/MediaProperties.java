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
        Tools tools,
        Image image,
        Video video,
        Pdf pdf,
        Document document,
        Transcribe transcribe) {

    /** Executables, by name on the PATH or absolute path. */
    public record Tools(String ffmpeg, String ffprobe, String tesseract, String pocketsphinx, String heifConvert,
                        String rsvgConvert) {
    }

    public record Image(long maxPixels, float jpegQuality, int ocrMaxChars, String ocrLanguage, Svg svg) {
    }

    /** SVGs larger than {@code maxBytes} are refused; the rest are rasterised within a renderSize square. */
    public record Svg(DataSize maxBytes, int renderSize) {
    }

    public record Video(Duration maxDuration, double posterAt) {
    }

    public record Pdf(int maxPages, long maxChars, DataSize maxDecodedStreams) {
    }

    /** Office documents, e-books, RTF and HTML (Tika); see {@link io.aegis.media.document.DocumentLimits}. */
    public record Document(DataSize maxBytes, DataSize maxHtmlBytes, long maxEntries, DataSize maxInflated, int maxChars,
                           int maxSections, Duration timeout, int parallelParses) {
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
