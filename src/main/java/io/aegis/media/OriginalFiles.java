package io.aegis.media;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.RawObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The original upload as a local file in the exchange's {@link Scratch} directory, for tools that need a
 * file (ffprobe, tesseract, PDFBox). Fetched from the raw bucket once per exchange, streamed, never in heap.
 */
@Component
public class OriginalFiles {

    private static final String PROPERTY = "aegis.originalFile";
    private static final String NAME = "original";

    private final RawObjects raw;
    private final MediaProperties media;

    public OriginalFiles(RawObjects raw, MediaProperties media) {
        this.raw = raw;
        this.media = media;
    }

    /** Where a step that already streams the original (validate) may leave a copy for the next steps. */
    public Path target(Exchange exchange) {
        return Scratch.of(exchange, media.workDir()).resolve(NAME);
    }

    /** Records that {@link #target} now holds the complete original. */
    public void kept(Exchange exchange, Path file) {
        exchange.setProperty(PROPERTY, file);
    }

    public Path local(Exchange exchange) {
        Path kept = exchange.getProperty(PROPERTY, Path.class);
        if (kept != null && Files.isRegularFile(kept)) {
            return kept;
        }
        Path file = target(exchange);
        raw.download(exchange.getMessage().getHeader(AegisHeaders.RAW_KEY, String.class), file);
        kept(exchange, file);
        return file;
    }
}
