package io.aegis.text;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Picks the normaliser for a document by its detected MIME type (and, for formats that share one, its name or content):
 * the first registered {@link TextNormaliser} that handles it, else {@link PlainTextNormaliser}. Used before
 * summarising and before embedding, so both see the same prose.
 */
@Component
public class TextNormalisers {

    private final List<TextNormaliser> normalisers;
    private final PlainTextNormaliser plain = new PlainTextNormaliser();

    public TextNormalisers(List<TextNormaliser> normalisers) {
        this.normalisers = List.copyOf(normalisers);
    }

    public String normalise(String mimeType, String filename, String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        for (TextNormaliser normaliser : normalisers) {
            if (normaliser.handles(mimeType, filename, text)) {
                return normaliser.normalise(text);
            }
        }
        return plain.normalise(text);
    }
}
