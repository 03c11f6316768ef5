package io.aegis.media.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.media.OriginalFiles;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.StepDeadline;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.TextRendition;
import io.aegis.state.StepFailure;
import io.aegis.text.TextNormalisers;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The extract-document step: the text of every section, sheet or slide, stored as a PDF's pages are —
 * {@code pages.json} (one entry per part, with its title, as read) and {@code text.txt} (the whole text as prose,
 * through the same {@link TextNormalisers} as a text upload: dot-leader contents lines and words hyphenated across a
 * line out; what summarize and embed read) — and the document's own properties added to the asset's metadata under
 * {@code document}.
 */
@Component("documentTextRecorder")
public class DocumentTextRecorder implements Processor {


    private final DocumentReader reader;
    private final DocumentLimits limits;
    private final OriginalFiles originals;
    private final ProcessedObjects processed;
    private final AssetStore assets;
    private final TextNormalisers normalisers;
    private final ObjectMapper json;

    public DocumentTextRecorder(DocumentReader reader, DocumentLimits limits, OriginalFiles originals,
                                ProcessedObjects processed, AssetStore assets, TextNormalisers normalisers,
                                ObjectMapper json) {
        this.reader = reader;
        this.limits = limits;
        this.originals = originals;
        this.processed = processed;
        this.assets = assets;
        this.normalisers = normalisers;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        String mimeType = exchange.getMessage().getHeader(AegisHeaders.MIME_TYPE, String.class);
        DocumentFormat format = DocumentFormat.of(mimeType).orElseThrow(() -> new StepFailure(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "no document format for " + mimeType));
        DocumentText text = reader.read(originals.local(exchange), format, limits, timeout(exchange));
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);

        ObjectNode pages = json.createObjectNode();
        pages.put("unit", format.unit().value());
        ArrayNode list = pages.putArray("pages");
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < text.sections().size(); i++) {
            DocumentText.Section section = text.sections().get(i);
            ObjectNode page = list.addObject().put("number", i + 1);
            if (section.title() != null) {
                page.put("title", section.title());
            }
            page.put("text", section.text());
            // The format is known from the bytes; the client's file name is no hint here.
            String prose = normalisers.normalise(mimeType, null, section.text());
            if (!prose.isEmpty()) {
                whole.append(whole.isEmpty() ? "" : "\n\n").append(prose);
            }
        }
        Asset.Rendition pagesRendition = processed.putRendition(tenant, assetId, TextRendition.PAGES,
                json.writeValueAsString(pages));
        Asset.Rendition textRendition = processed.putRendition(tenant, assetId, TextRendition.TEXT, whole.toString());
        assets.update(assetId, asset -> asset
                .withMetadata(withDocumentFacts(asset, text))
                .withRendition(pagesRendition)
                .withRendition(textRendition));
    }

    private ObjectNode withDocumentFacts(Asset asset, DocumentText text) {
        ObjectNode metadata = asset.metadata() == null ? json.createObjectNode() : asset.metadata().deepCopy();
        ObjectNode document = metadata.has("document") && metadata.get("document").isObject()
                ? (ObjectNode) metadata.get("document") : metadata.putObject("document");
        document.put(text.format().unit().value() + "s", text.sections().size());
        document.setAll((ObjectNode) json.valueToTree(text.properties()));
        return metadata;
    }

    /** The configured parse timeout, or less when the step itself has less time left. */
    private Duration timeout(Exchange exchange) {
        Duration remaining = StepDeadline.remaining(exchange).orElse(limits.timeout());
        if (remaining.isNegative() || remaining.isZero()) {
            throw new StepFailure(ErrorCode.PROCESSING_TIMEOUT, "the step ran out of time before the document was read");
        }
        return remaining.compareTo(limits.timeout()) < 0 ? remaining : limits.timeout();
    }
}
