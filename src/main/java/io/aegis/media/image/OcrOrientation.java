package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.media.ToolRun;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Tesseract's orientation and script detection ({@code --psm 0}, Debian's tesseract-ocr-osd): which way the page's
 * text runs. {@link #command} prepares the call, {@link #read} plans the first pass: turned when the detection is sure
 * enough, upright otherwise (too little text to tell, or a mix such as a chart's horizontal title and vertical labels).
 */
@Component("ocrOrientation")
public class OcrOrientation {

    private static final Pattern ROTATE = Pattern.compile("Rotate:\\s*(\\d+)");
    private static final Pattern CONFIDENCE = Pattern.compile("Orientation confidence:\\s*([0-9.]+)");

    private final MediaProperties media;

    public OcrOrientation(MediaProperties media) {
        this.media = media;
    }

    public void command(Exchange exchange) {
        OcrScan scan = OcrScan.of(exchange);
        // Exit 1: too few characters to tell the orientation (a sign, a blank page).
        ToolRun.prepareOptional(exchange, "env", List.of("OMP_THREAD_LIMIT=1", media.tools().tesseract(),
                scan.page().toString(), "stdout", "--psm", "0"), scan.page().getParent(), media.toolTimeout(), 1);
    }

    public void read(Exchange exchange) {
        OcrScan scan = OcrScan.of(exchange);
        scan.orient(ToolRun.attempt(exchange, "tesseract").map(this::rotation).orElse(0));
        exchange.getMessage().setBody(null);
    }

    /** Clockwise degrees that turn the page upright, 0 unless the detection is at least the configured confidence. */
    int rotation(String osd) {
        Matcher rotate = ROTATE.matcher(osd);
        Matcher confidence = CONFIDENCE.matcher(osd);
        if (!rotate.find() || !confidence.find()) {
            return 0;
        }
        return Double.parseDouble(confidence.group(1)) >= media.image().ocrOrientationConfidence()
                ? Integer.parseInt(rotate.group(1)) : 0;
    }
}
