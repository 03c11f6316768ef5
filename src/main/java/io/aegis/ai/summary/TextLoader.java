package io.aegis.ai.summary;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ProcessedObjects;
import io.aegis.text.TextNormalisers;
import java.util.Optional;
import io.aegis.state.RawObjects;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads the text to summarise, at most {@code aegis.limits.summarize-max-chars} bytes (a huge log file is
 * summarised from its beginning rather than exhausting the worker's heap): a text upload itself, normalised to prose
 * for its type ({@link TextNormalisers}: Markdown's code, tables and link syntax out), or the {@code text.txt} an
 * earlier step left in the processed bucket (a PDF's pages, already cleaned of running heads; a recording's transcript).
 * No text, or too little to summarise ({@code aegis.ai.summary.min-words}), skips the model with the reason.
 */
@Component("textLoader")
public class TextLoader implements Processor {

    private final RawObjects raw;
    private final ProcessedObjects processed;
    private final AssetStore assets;
    private final TextNormalisers normalisers;
    private final long maxBytes;
    private final int minWords;

    public TextLoader(RawObjects raw, ProcessedObjects processed, AssetStore assets, TextNormalisers normalisers,
                      SummaryProperties summary, @Value("${aegis.limits.summarize-max-chars}") long maxBytes) {
        this.raw = raw;
        this.processed = processed;
        this.assets = assets;
        this.normalisers = normalisers;
        this.maxBytes = maxBytes;
        this.minWords = summary.minWords();
    }

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        if ("text".equals(message.getHeader(AegisHeaders.MEDIA_TYPE, String.class))) {
            String key = message.getHeader(AegisHeaders.RAW_KEY, String.class);
            String text = new String(raw.head(key, maxBytes), StandardCharsets.UTF_8);
            Optional<Asset> asset = assets.find(message.getHeader(AegisHeaders.ASSET_ID, String.class));
            message.setBody(normalisers.normalise(asset.map(Asset::mimeType).orElse(null),
                    asset.map(Asset::filename).orElse(null), text));
            skipWhenBlank(exchange);
            return;
        }
        String key = ProcessedObjects.key(message.getHeader(AegisHeaders.TENANT, String.class),
                message.getHeader(AegisHeaders.ASSET_ID, String.class), ProcessedObjects.TEXT);
        // No text.txt means the earlier step found nothing (a silent recording).
        message.setBody(processed.headText(key, maxBytes).orElse(""));
        skipWhenBlank(exchange);
    }

    /** No text (or too little), no model call: the step is SKIPPED and the summary recorded as unavailable. */
    private void skipWhenBlank(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        if (text.isBlank()) {
            exchange.setProperty(AegisHeaders.STEP_SKIPPED, "there is no text to summarise");
            return;
        }
        int words = SummaryLength.words(text);
        if (words < minWords) {
            exchange.setProperty(AegisHeaders.STEP_SKIPPED, "the text is too short to summarise (" + words
                    + (words == 1 ? " word" : " words") + "; a summary needs at least " + minWords + "): it is shown in full");
        }
    }
}
