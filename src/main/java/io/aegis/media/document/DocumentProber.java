package io.aegis.media.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.media.OriginalFiles;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The document half of the metadata step: which format, the file size limit and, for zips, the entry count the
 * directory declares — cheap checks before dispatch; the text and the document's own properties come with
 * extract-document.
 */
@Component("documentProber")
public class DocumentProber implements Processor {

    private final DocumentReader reader;
    private final DocumentLimits limits;
    private final OriginalFiles originals;
    private final ObjectMapper json;

    public DocumentProber(DocumentReader reader, DocumentLimits limits, OriginalFiles originals, ObjectMapper json) {
        this.reader = reader;
        this.limits = limits;
        this.originals = originals;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        String mimeType = exchange.getMessage().getHeader(AegisHeaders.MIME_TYPE, String.class);
        DocumentFormat format = DocumentFormat.of(mimeType).orElse(null);
        if (format == null) {
            // OOXML whose parts could not name it: a cut or crowded zip says so; a sound one is another Office kind
            ZipDirectory.read(originals.local(exchange)).requireAtMost(limits.maxEntries());
            throw new StepFailure(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "an Office Open XML package of no kind Aegis reads (" + mimeType + ")");
        }
        ZipDirectory zip = reader.probe(originals.local(exchange), format, limits);
        ObjectNode document = json.createObjectNode();
        document.put("format", format.value());
        document.put("unit", format.unit().value());
        if (zip != null) {
            document.put("zipEntries", zip.entries());
        }
        ObjectNode metadata = json.createObjectNode();
        metadata.set("document", document);
        exchange.setProperty(AegisHeaders.METADATA, metadata);
    }
}
