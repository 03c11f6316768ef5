package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.ToolRun;
import io.aegis.state.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * One OCR pass over the page at the scan's next quarter-turn: {@link #command} writes the turned page and prepares
 * tesseract with TSV output (a confidence per word), {@link #read} records the words on the upright page.
 */
@Component("ocrPass")
public class OcrPass {

    private final MediaProperties media;
    private final OcrWordJudge judge;

    public OcrPass(MediaProperties media, OcrWordJudge judge) {
        this.media = media;
        this.judge = judge;
    }

    public void command(Exchange exchange) {
        OcrScan scan = OcrScan.of(exchange);
        int turn = scan.nextTurn();
        Path image = scan.page();
        if (turn != 0) {
            image = scan.page().resolveSibling("ocr-turn-" + turn + ".bmp");
            OcrPages.write(OcrPages.turned(OcrPages.read(scan.page()), turn), image);
        }
        // camel-exec cannot set environment variables, so env(1) does; one OpenMP thread, jobs already run in parallel.
        ToolRun.prepare(exchange, "env", List.of("OMP_THREAD_LIMIT=1", media.tools().tesseract(), image.toString(), "stdout",
                "-l", media.image().ocrLanguage(), "tsv"), image.getParent(), media.toolTimeout());
    }

    public void read(Exchange exchange) {
        OcrScan scan = OcrScan.of(exchange);
        String tsv = ToolRun.require(exchange, "tesseract", ErrorCode.CORRUPT_MEDIA);
        List<OcrWord> words = OcrTsv.words(tsv, scan.nextTurn(), scan.width(), scan.height());
        long marks = words.stream().filter(w -> w.text().codePoints().anyMatch(Character::isLetterOrDigit)).count();
        scan.read(words, words.stream().filter(judge::unreadable).count(), marks, media.image().ocrRereadRejected());
        exchange.getMessage().setBody(null);
    }
}
