package io.aegis.ai.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.Insights;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.RawObjects;
import io.aegis.state.TextRendition;
import io.aegis.text.PdfPageCleaner;
import io.aegis.text.TextNormalisers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Gathers every text an asset has into {@link AssetTexts}, as prose and with its place: a text upload normalised for
 * its type (Markdown without code and tables), a PDF page by page (running heads, page numbers and dot leaders out),
 * an office document's or e-book's {@code text.txt} (normalised when extract-document wrote it), a recording's
 * transcript in stretches of timed segments, then OCR text, the image description and the summary; each source at
 * most {@code aegis.search.max-text-chars}. An asset with none is SKIPPED by the embed step.
 */
@Component("assetTextCollector")
public class AssetTextCollector implements Processor {


    private final AssetStore assets;
    private final RawObjects raw;
    private final ProcessedObjects processed;
    private final TextNormalisers normalisers;
    private final ObjectMapper json;
    private final int maxChars;
    private final int passageWords;

    public AssetTextCollector(AssetStore assets, RawObjects raw, ProcessedObjects processed, TextNormalisers normalisers,
                              ObjectMapper json, SearchProperties search) {
        this.assets = assets;
        this.raw = raw;
        this.processed = processed;
        this.normalisers = normalisers;
        this.json = json;
        this.maxChars = search.maxTextChars();
        this.passageWords = search.chunkWords();
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        Asset asset = assets.find(assetId).orElseThrow(() -> new IllegalStateException("asset " + assetId + " is missing"));
        AssetTexts texts = new AssetTexts(asset.tenant(), asset.assetId(), asset.jobId(), parts(asset));
        exchange.getMessage().setBody(texts);
        if (texts.parts().isEmpty()) {
            exchange.setProperty(AegisHeaders.STEP_SKIPPED, "there is no text to embed");
        }
    }

    private List<AssetTexts.Part> parts(Asset asset) {
        Insights insights = asset.insights();
        List<AssetTexts.Part> parts = new ArrayList<>();
        String mediaType = asset.mediaType() == null ? "" : asset.mediaType();
        switch (mediaType) {
            case "text" -> add(parts, new AssetTexts.Part(TextSource.TEXT,
                    normalisers.normalise(asset.mimeType(), asset.filename(), rawText(asset))));
            case "pdf" -> parts.addAll(pdfPages(asset));
            // Sections, sheets and slides are not pages: the whole text, without a page number.
            case "document" -> add(parts, new AssetTexts.Part(TextSource.TEXT, processedText(asset).orElse(null)));
            // The full transcript is transcript.json; the asset's insight may hold only its first segments.
            case "video", "audio" -> parts.addAll(transcript(asset, insights));
            default -> {
                // images have no document text; their words come from OCR and the description below
            }
        }
        add(parts, new AssetTexts.Part(TextSource.OCR, insights.ocrText()));
        add(parts, new AssetTexts.Part(TextSource.DESCRIPTION, insights.description()));
        add(parts, new AssetTexts.Part(TextSource.SUMMARY, insights.summary() == null ? null : insights.summary().text()));
        return parts;
    }

    private List<AssetTexts.Part> pdfPages(Asset asset) {
        Optional<JsonNode> pages = processedJson(asset, TextRendition.PAGES.name());
        if (pages.isEmpty()) {
            // An asset indexed before pages.json existed, or a file too large to parse within the cap: the whole text.
            List<AssetTexts.Part> whole = new ArrayList<>();
            add(whole, new AssetTexts.Part(TextSource.TEXT, processedText(asset).orElse(null)));
            return whole;
        }
        List<String> texts = new ArrayList<>();
        pages.get().path("pages").forEach(page -> texts.add(page.path("text").asText("")));
        List<String> cleaned = PdfPageCleaner.clean(texts);
        List<AssetTexts.Part> parts = new ArrayList<>();
        int budget = maxChars;
        for (int i = 0; i < cleaned.size() && budget > 0; i++) {
            String text = cleaned.get(i).length() > budget ? cleaned.get(i).substring(0, budget) : cleaned.get(i);
            budget -= text.length();
            add(parts, new AssetTexts.Part(TextSource.TEXT, text, i + 1, null, null));
        }
        return parts;
    }

    /** Consecutive timed segments grouped into passages of at most {@code passageWords} words, each with its times. */
    private List<AssetTexts.Part> transcript(Asset asset, Insights insights) {
        List<Insights.Segment> segments = new ArrayList<>();
        processedJson(asset, TextRendition.TRANSCRIPT.name()).ifPresent(transcript -> transcript.path("segments").forEach(segment ->
                segments.add(new Insights.Segment(segment.path("start").asDouble(), segment.path("end").asDouble(),
                        segment.path("text").asText("")))));
        if (segments.isEmpty() && insights.transcript() != null && insights.transcript().segments() != null) {
            segments.addAll(insights.transcript().segments());
        }
        List<AssetTexts.Part> parts = new ArrayList<>();
        List<Insights.Segment> group = new ArrayList<>();
        int words = 0;
        int budget = maxChars;
        for (Insights.Segment segment : segments) {
            int segmentWords = segment.text().isBlank() ? 0 : segment.text().strip().split("\\s+").length;
            if (!group.isEmpty() && words + segmentWords > passageWords) {
                budget -= addGroup(parts, group);
                group.clear();
                words = 0;
            }
            if (budget <= 0) {
                break;
            }
            group.add(segment);
            words += segmentWords;
        }
        addGroup(parts, group);
        return parts;
    }

    private int addGroup(List<AssetTexts.Part> parts, List<Insights.Segment> group) {
        if (group.isEmpty()) {
            return 0;
        }
        String text = String.join(" ", group.stream().map(Insights.Segment::text).toList());
        add(parts, new AssetTexts.Part(TextSource.TRANSCRIPT, text, null, group.get(0).start(),
                group.get(group.size() - 1).end()));
        return text.length();
    }

    private String rawText(Asset asset) {
        // Bytes, not characters, bound the read; a character cut at the end becomes U+FFFD and is harmless.
        return new String(raw.head(asset.rawKey(), maxChars), StandardCharsets.UTF_8);
    }

    private Optional<String> processedText(Asset asset) {
        return processed.headText(ProcessedObjects.key(asset.tenant(), asset.assetId(), ProcessedObjects.TEXT), maxChars);
    }

    // JSON renditions carry markup and numbers besides the text: read up to four times the text budget.
    private Optional<JsonNode> processedJson(Asset asset, String name) {
        return processed.headText(ProcessedObjects.key(asset.tenant(), asset.assetId(), name), 4L * maxChars)
                .flatMap(text -> {
                    try {
                        return Optional.of(json.readTree(text));
                    } catch (IOException e) {
                        return Optional.empty(); // cut off by the cap: the caller falls back to the plain text
                    }
                });
    }

    private void add(List<AssetTexts.Part> parts, AssetTexts.Part part) {
        String text = part.text();
        if (text != null && !text.isBlank()) {
            parts.add(text.length() > maxChars
                    ? new AssetTexts.Part(part.source(), text.substring(0, maxChars), part.page(), part.start(), part.end())
                    : part);
        }
    }
}
