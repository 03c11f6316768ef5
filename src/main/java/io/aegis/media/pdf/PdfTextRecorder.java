package io.aegis.media.pdf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.media.OriginalFiles;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ProcessedObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The extract-text step: the text of every page, stored twice in the processed bucket — {@code pages.json}
 * (page by page, for people and search) and {@code text.txt} (the whole text, which summarize reads).
 */
@Component("pdfTextRecorder")
public class PdfTextRecorder implements Processor {

    static final String PAGES = "pages.json";

    private final PdfReader inspector;
    private final PdfLimits limits;
    private final OriginalFiles originals;
    private final ProcessedObjects processed;
    private final AssetStore assets;
    private final ObjectMapper json;

    public PdfTextRecorder(PdfReader inspector, PdfLimits limits, OriginalFiles originals,
                           ProcessedObjects processed, AssetStore assets, ObjectMapper json) {
        this.inspector = inspector;
        this.limits = limits;
        this.originals = originals;
        this.processed = processed;
        this.assets = assets;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        PdfText text = inspector.extract(originals.local(exchange), limits);
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);

        List<Map<String, Object>> pages = new ArrayList<>();
        for (int i = 0; i < text.pages().size(); i++) {
            pages.add(Map.of("number", i + 1, "text", text.pages().get(i)));
        }
        String pagesKey = ProcessedObjects.key(tenant, assetId, PAGES);
        String textKey = ProcessedObjects.key(tenant, assetId, ProcessedObjects.TEXT);
        String whole = String.join("\n\n", text.pages()).strip();
        processed.putText(pagesKey, json.writeValueAsString(Map.of("pages", pages)), "application/json");
        processed.putText(textKey, whole, "text/plain");
        assets.update(assetId, asset -> asset
                .withRendition(new Asset.Rendition("pages", null, null, "json", pagesKey))
                .withRendition(new Asset.Rendition("text", null, null, "txt", textKey)));
    }
}
