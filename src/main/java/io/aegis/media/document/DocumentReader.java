package io.aegis.media.document;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.OfficeOpenXMLExtended;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.WriteOutContentHandler;
import org.xml.sax.ContentHandler;

/**
 * Extracts a document's text with the Tika parser of its format, within {@link DocumentLimits}: the file size,
 * then (for zips) the entry count and the bytes really inflated, then the parse itself on a bounded pool with a
 * deadline and Tika's write limit. Embedded files (pictures, OLE objects) are never parsed. Whatever a broken or
 * hostile file does ends as a {@link StepFailure}; a full pool is a transient error, retried later.
 */
public class DocumentReader {

    // the document's properties land in the asset's metadata item, and a DynamoDB item is capped at 400 KB
    static final int MAX_PROPERTY_CHARS = 1_000;

    private static final Duration WAIT_FOR_A_PARSER = Duration.ofSeconds(2);

    private final ExecutorService pool;
    private final Semaphore parsers;

    /**
     * @param pool     runs the parses, at least {@code parallel} threads
     * @param parallel parses at once; a parse holds its place until it really ends, even past its deadline, so a
     *                 stuck parse makes later ones wait for a place (retried later) instead of piling up threads
     */
    public DocumentReader(ExecutorService pool, int parallel) {
        this.pool = pool;
        this.parsers = new Semaphore(parallel);
    }

    /** Size, entry count and declared directory size: what the metadata step checks without inflating anything. */
    public ZipDirectory probe(Path file, DocumentFormat format, DocumentLimits limits) {
        checkSize(file, format, limits);
        return format.isZip() ? ZipDirectory.read(file).requireAtMost(limits.maxEntries()) : null;
    }

    /** @param timeout at most {@code limits.timeout()}; less when the step has less time left */
    public DocumentText read(Path file, DocumentFormat format, DocumentLimits limits, Duration timeout) {
        checkSize(file, format, limits);
        if (format.isZip()) {
            ZipBudget.check(file, limits.maxEntries(), limits.maxInflatedBytes());
        }
        Future<DocumentText> parse = submit(() -> parse(file, format, limits));
        try {
            return parse.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Tika cannot be stopped from outside; the interrupt ends it at its next I/O, the limits above bound the rest
            parse.cancel(true);
            throw new StepFailure(ErrorCode.PROCESSING_TIMEOUT,
                    "the document was still being read after " + Math.max(1, timeout.toSeconds()) + " s and was abandoned");
        } catch (InterruptedException e) {
            parse.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the document", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), limits);
        }
    }

    private Future<DocumentText> submit(Callable<DocumentText> parse) {
        try {
            if (!parsers.tryAcquire(WAIT_FOR_A_PARSER.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("every document parser of this worker is busy; the step is retried later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a document parser", e);
        }
        try {
            return pool.submit(() -> {
                try {
                    return parse.call();
                } finally {
                    parsers.release();
                }
            });
        } catch (RejectedExecutionException e) {
            parsers.release();
            throw new IllegalStateException("the document parsers are shutting down", e);
        }
    }

    private static DocumentText parse(Path file, DocumentFormat format, DocumentLimits limits) throws Exception {
        Metadata metadata = new Metadata();
        ParseContext context = new ParseContext();
        context.set(EmbeddedDocumentExtractor.class, new NoEmbeddedDocuments());
        XhtmlSections sections = new XhtmlSections(format, limits.maxSections());
        ContentHandler handler = new WriteOutContentHandler(sections, limits.maxChars(), true, context);
        try (InputStream in = TikaInputStream.get(file)) {
            format.newParser().parse(in, handler, metadata, context);
        }
        List<DocumentText.Section> parts = format == DocumentFormat.ODP ? OdpSlides.read(file, limits.maxSections())
                : sections.sections();
        return new DocumentText(format, properties(metadata), parts);
    }

    private static Map<String, String> properties(Metadata metadata) {
        Map<String, String> properties = new LinkedHashMap<>();
        put(properties, "title", metadata.get(TikaCoreProperties.TITLE));
        put(properties, "author", metadata.get(TikaCoreProperties.CREATOR));
        put(properties, "created", metadata.get(TikaCoreProperties.CREATED));
        put(properties, "modified", metadata.get(TikaCoreProperties.MODIFIED));
        put(properties, "language", metadata.get(TikaCoreProperties.LANGUAGE));
        put(properties, "application", metadata.get(OfficeOpenXMLExtended.APPLICATION));
        put(properties, "pageCount", first(metadata, Office.PAGE_COUNT));
        put(properties, "wordCount", first(metadata, Office.WORD_COUNT));
        return properties;
    }

    private static String first(Metadata metadata, Property property) {
        return metadata.get(property);
    }

    private static void put(Map<String, String> properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            String trimmed = value.strip();
            properties.put(key, trimmed.length() > MAX_PROPERTY_CHARS ? trimmed.substring(0, MAX_PROPERTY_CHARS) : trimmed);
        }
    }

    private static void checkSize(Path file, DocumentFormat format, DocumentLimits limits) {
        try {
            long size = Files.size(file);
            if (size > limits.maxBytesOf(format)) {
                throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, String.format(Locale.ROOT,
                        "the %s has %,d bytes; the limit is %,d", format.value().toUpperCase(Locale.ROOT), size,
                        limits.maxBytesOf(format)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a failed parse means for the user, from the exception and its causes. */
    static RuntimeException failure(Throwable error, DocumentLimits limits) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StepFailure failure) {
                return failure;
            }
            if (cause instanceof EncryptedDocumentException) {
                return withCause(new StepFailure(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "the document is password-protected; Aegis cannot read encrypted documents"), error);
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("JAXP0001") || message.contains("entity expansion") || message.contains("entityExpansion")
                    || message.contains("amplification")) {
                return withCause(new StepFailure(ErrorCode.LIMIT_EXCEEDED,
                        "the document's XML expands entities past the parser's limit (an entity bomb)"), error);
            }
            if (message.contains("DOCTYPE")) {
                return withCause(new StepFailure(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the document's XML declares a DTD "
                        + "(entities, external references); Aegis never processes those in office documents"), error);
            }
        }
        if (WriteLimitReachedException.isWriteLimitReached(error)) {
            return withCause(new StepFailure(ErrorCode.LIMIT_EXCEEDED, String.format(Locale.ROOT,
                    "the document holds more than %,d characters of text; that is the limit", limits.maxChars())), error);
        }
        String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        // Tika and POI have already tried to make sense of the file; a runtime error or runaway recursion means the same
        return withCause(new StepFailure(ErrorCode.CORRUPT_MEDIA, "the document is damaged or is not what its bytes "
                + "claim, and could not be read (" + firstLine(detail) + ")"), error);
    }

    private static StepFailure withCause(StepFailure failure, Throwable cause) {
        failure.initCause(cause);
        return failure;
    }

    private static String firstLine(String message) {
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    /** Pictures, OLE objects and attachments inside a document are neither parsed nor extracted. */
    private static final class NoEmbeddedDocuments implements EmbeddedDocumentExtractor {

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            // never called: shouldParseEmbedded says no
        }
    }
}
