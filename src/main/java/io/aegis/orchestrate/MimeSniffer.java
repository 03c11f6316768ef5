package io.aegis.orchestrate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.aegis.media.document.DocumentFormat;
import io.aegis.media.document.ZipDirectory;
import io.aegis.state.StepFailure;
import java.nio.file.Path;
import java.util.Set;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.zip.DefaultZipContainerDetector;
import org.apache.tika.io.TikaInputStream;
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

    // Zip containers (OOXML and others) are told apart by their parts, which needs the whole file.
    private static final Set<String> ZIP_CONTAINERS = Set.of("application/zip", DocumentFormat.UNREFINED_OOXML);

    private final Detector zipContainers = new DefaultZipContainerDetector();

    public String detect(byte[] head) {
        try {
            return detector.detect(new ByteArrayInputStream(head), new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when {@link #refine} needs the whole file to name the type (a Word file starts like any zip). */
    public boolean needsWholeFile(String headType) {
        return ZIP_CONTAINERS.contains(headType);
    }

    /**
     * The type of a zip container from its parts ([Content_Types].xml of an OOXML package, an ODF mimetype...).
     * A zip whose directory declares more than {@code maxEntries} entries is not opened: it keeps the type its
     * first bytes gave, and the steps that would read it refuse it.
     */
    public String refine(String headType, Path file, long maxEntries) {
        if (!needsWholeFile(headType)) {
            return headType;
        }
        try {
            ZipDirectory.read(file).requireAtMost(maxEntries);
        } catch (StepFailure e) {
            return headType;
        }
        try (TikaInputStream in = TikaInputStream.get(file)) {
            String refined = zipContainers.detect(in, new Metadata()).getBaseType().toString();
            // the detector answers octet-stream when it cannot open the zip: the first bytes said more
            return "application/octet-stream".equals(refined) ? headType : refined;
        } catch (IOException | RuntimeException e) {
            return headType;
        }
    }
}
