package io.aegis.media.pdf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.media.OriginalFiles;
import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The PDF half of the metadata step: page count, version, encryption and document info, within limits. */
@Component("pdfProber")
public class PdfProber implements Processor {

    private final PdfReader inspector;
    private final PdfLimits limits;
    private final OriginalFiles originals;
    private final ObjectMapper json;

    public PdfProber(PdfReader inspector, PdfLimits limits, OriginalFiles originals, ObjectMapper json) {
        this.inspector = inspector;
        this.limits = limits;
        this.originals = originals;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(AegisHeaders.METADATA, describe(inspector.probe(originals.local(exchange), limits)));
    }

    ObjectNode describe(PdfFacts facts) {
        ObjectNode metadata = json.createObjectNode();
        metadata.put("pageCount", facts.pageCount());
        metadata.put("pdfVersion", facts.pdfVersion());
        metadata.put("encrypted", facts.encrypted());
        metadata.set("info", json.valueToTree(facts.info()));
        return metadata;
    }
}
