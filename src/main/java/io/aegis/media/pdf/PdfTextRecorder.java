package io.aegis.media.pdf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.media.image.ThumbnailSource;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.TextRendition;
import io.aegis.text.PdfPageCleaner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The last part of extract-text: the text of every page, stored twice in the processed bucket — {@code pages.json}
 * (page by page as read, a scanned page marked {@code "ocr": true}) and {@code text.txt} (the whole text without
 * running heads, page numbers and dot leaders: what summarize reads). The first-page preview goes on to the
 * thumbnailer. Scanned pages past the OCR budget are named under {@code unavailable.pageText}.
 */
@Component("pdfTextRecorder")
public class PdfTextRecorder implements Processor {


    private final ProcessedObjects processed;
    private final AssetStore assets;
    private final ObjectMapper json;

    public PdfTextRecorder(ProcessedObjects processed, AssetStore assets, ObjectMapper json) {
        this.processed = processed;
        this.assets = assets;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        PdfExtraction extraction = PdfExtraction.of(exchange);
        List<String> texts = extraction.pages();
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);

        List<Map<String, Object>> pages = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("number", i + 1);
            page.put("text", texts.get(i));
            if (extraction.scannedPages().contains(i + 1)) {
                page.put("ocr", true);
            }
            pages.add(page);
        }
        String whole = String.join("\n\n", PdfPageCleaner.clean(texts)).strip();
        Asset.Rendition pagesRendition = processed.putRendition(tenant, assetId, TextRendition.PAGES,
                json.writeValueAsString(Map.of("pages", pages)));
        Asset.Rendition textRendition = processed.putRendition(tenant, assetId, TextRendition.TEXT, whole);
        List<Integer> unread = extraction.text().unread();
        assets.update(assetId, asset -> {
            Asset updated = asset.withRendition(pagesRendition).withRendition(textRendition);
            return unread.isEmpty() ? updated : updated.withInsights(updated.insights().withUnavailable("pageText",
                    unread.size() + " scanned page(s) were not read (the OCR budget is the first scanned pages of a "
                            + "document): " + pageList(unread)));
        });
        if (extraction.text().preview() != null) {
            ThumbnailSource.use(exchange, extraction.text().preview(), 1);
        }
    }

    private static String pageList(List<Integer> pages) {
        return pages.size() <= 10 ? "pages " + pages : "pages " + pages.subList(0, 10) + " and " + (pages.size() - 10) + " more";
    }
}
