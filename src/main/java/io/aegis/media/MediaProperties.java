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
        Document document,
        Transcribe transcribe) {

    /** Executables, by name on the PATH or absolute path. */
    public record Tools(String ffmpeg, String ffprobe, String tesseract, String pocketsphinx, String heifConvert,
                        String rsvgConvert, String vips) {
    }

    /**
     * OCR keeps a word when tesseract's confidence is at least {@code ocrMinConfidence} (0..100) and it is shaped like a
     * word; below {@code ocrTrustedConfidence} a word made of letters must also be in the dictionary. Tesseract's
     * orientation detection turns the page when it is at least {@code ocrOrientationConfidence} sure; when a pass
     * leaves {@code ocrRereadRejected} or more words unread, the page is read again turned a quarter each way
     * (vertical labels), keeping only confident words where nothing was read yet. Thumbnails of the formats in
     * {@code vipsThumbnailFormats} (ImageIO format names, as {@link io.aegis.media.image.ImageFacts#format}) are made by
     * libvips ({@code tools.vips}), the others by the JDK ({@link io.aegis.media.image.Thumbnailer}).
     */
    public record Image(long maxPixels, float jpegQuality, int ocrMaxChars, String ocrLanguage, int ocrMinConfidence,
                        int ocrTrustedConfidence, double ocrOrientationConfidence, int ocrRereadRejected, Svg svg,
                        java.util.Set<String> vipsThumbnailFormats) {

        public Image {
            vipsThumbnailFormats = vipsThumbnailFormats == null ? java.util.Set.of() : java.util.Set.copyOf(vipsThumbnailFormats);
        }
    }

    /** SVGs larger than {@code maxBytes} are refused; the rest are rasterised within a renderSize square. */
    public record Svg(DataSize maxBytes, int renderSize) {
    }

    public record Video(Duration maxDuration, double posterAt) {
    }

    /**
     * Pages without a text layer (scans) are rendered at {@code ocrDpi} and read by OCR, at most {@code ocrMaxPages} of
     * them per document; a rendered page never exceeds {@code renderMaxPixels}. Every PDF gets a first-page preview.
     */
    public record Pdf(int maxPages, long maxChars, DataSize maxDecodedStreams, int ocrMaxPages, int ocrDpi,
                      long renderMaxPixels, int previewLongSide) {
    }

    /** Office documents, e-books, RTF and HTML (Tika); see {@link io.aegis.media.document.DocumentLimits}. */
    public record Document(DataSize maxBytes, DataSize maxHtmlBytes, long maxEntries, DataSize maxInflated, int maxChars,
                           int maxSections, Duration timeout, int parallelParses) {
    }

    /**
     * {@code provider}: pocketsphinx (offline) or openai (any OpenAI-compatible /v1/audio/transcriptions).
     * Long audio is cut near {@code chunkSeconds} at the quietest moment within {@code searchSeconds}. The asset record
     * keeps at most {@code maxStoredSegments} segments and {@code maxStoredChars} characters of text (an excerpt; the
     * whole transcript is in S3).
     */
    public record Transcribe(String provider, double chunkSeconds, double searchSeconds, int parallelChunks,
                             int maxStoredSegments, int maxStoredChars, OpenAi openai) {
        public Transcribe {
            maxStoredChars = maxStoredChars <= 0 ? 20_000 : maxStoredChars;
        }
    }

    public record OpenAi(String baseUrl, String apiKey, String model, Duration timeout) {
    }
}
