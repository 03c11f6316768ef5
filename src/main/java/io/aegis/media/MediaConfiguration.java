package io.aegis.media;

import io.aegis.media.document.DocumentLimits;
import io.aegis.media.document.DocumentReader;
import io.aegis.media.image.ImageProbe;
import io.aegis.media.image.Thumbnailer;
import io.aegis.media.pdf.PdfReader;
import io.aegis.media.pdf.PdfLimits;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The plain-Java media workers, built from {@code aegis.media} so benchmarks can build them the same way. */
@Configuration(proxyBeanMethods = false)
public class MediaConfiguration {

    @Bean
    ImageProbe imageProbe(MediaProperties media) {
        return new ImageProbe(media.image().svg().maxBytes().toBytes(), media.image().svg().renderSize());
    }

    @Bean
    Thumbnailer thumbnailer(MediaProperties media) {
        return new Thumbnailer(media.image().maxPixels(), media.image().jpegQuality());
    }

    @Bean
    PdfReader pdfReader() {
        return new PdfReader();
    }

    @Bean
    PdfLimits pdfLimits(MediaProperties media) {
        return new PdfLimits(media.pdf().maxPages(), media.pdf().maxChars(), media.pdf().maxDecodedStreams().toBytes());
    }

    @Bean
    DocumentLimits documentLimits(MediaProperties media) {
        MediaProperties.Document document = media.document();
        return new DocumentLimits(document.maxBytes().toBytes(), document.maxHtmlBytes().toBytes(), document.maxEntries(),
                document.maxInflated().toBytes(), document.maxChars(), document.maxSections(), document.timeout());
    }

    /** Tika parses of this worker: one thread per parse it may run at once (DocumentReader holds the count). */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService documentParsePool(MediaProperties media) {
        return Executors.newFixedThreadPool(Math.max(1, media.document().parallelParses()), runnable -> {
            Thread thread = new Thread(runnable, "aegis-document-parse");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    DocumentReader documentReader(@Qualifier("documentParsePool") ExecutorService documentParsePool, MediaProperties media) {
        return new DocumentReader(documentParsePool, Math.max(1, media.document().parallelParses()));
    }

    /** Chunks of one recording transcribed at once; shared by all transcribe steps of this worker. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService transcribePool(MediaProperties media) {
        return Executors.newFixedThreadPool(Math.max(1, media.transcribe().parallelChunks()), runnable -> {
            Thread thread = new Thread(runnable, "aegis-transcribe");
            thread.setDaemon(true);
            return thread;
        });
    }
}
