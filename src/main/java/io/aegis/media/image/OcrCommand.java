package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.ToolRun;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Prepares tesseract on the original image, printing the text to stdout. OMP_THREAD_LIMIT=1: OpenMP's
 * spin-waiting makes tesseract about 4× slower on a 2-core worker, and jobs already run in parallel.
 */
@Component("ocrCommand")
public class OcrCommand implements Processor {

    private final OriginalFiles originals;
    private final MediaProperties media;

    public OcrCommand(OriginalFiles originals, MediaProperties media) {
        this.originals = originals;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        Path original = DecodedImage.orOriginal(exchange, originals);
        // camel-exec cannot set environment variables, so env(1) does.
        ToolRun.prepare(exchange, "env", List.of(
                "OMP_THREAD_LIMIT=1", media.tools().tesseract(),
                original.toString(), "stdout",
                "-l", media.image().ocrLanguage()), original.getParent(), media.toolTimeout());
    }
}
