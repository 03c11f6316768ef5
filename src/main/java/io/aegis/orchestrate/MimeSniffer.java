package io.aegis.orchestrate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.detect.CompositeDetector;
import org.apache.tika.detect.TextDetector;
import org.springframework.stereotype.Component;

/**
 * The real MIME type of a file from its first bytes, with Apache Tika. Deliberately given no file name and
 * no client Content-Type: both are claims, the bytes are evidence.
 */
@Component("mimeSniffer")
public class MimeSniffer {

    // Magic numbers first; the text heuristic only for what no magic number matches.
    private final Detector detector = new CompositeDetector(MimeTypes.getDefaultMimeTypes(), new TextDetector());

    public String detect(byte[] head) {
        try {
            return detector.detect(new ByteArrayInputStream(head), new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
