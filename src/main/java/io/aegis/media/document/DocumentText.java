package io.aegis.media.document;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's text, split into the units its format has (see {@link DocumentFormat.Unit}), with the properties
 * it states about itself (title, author, dates, language, application), in a fixed order.
 */
public record DocumentText(DocumentFormat format, Map<String, String> properties, List<Section> sections) {

    public DocumentText {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        sections = List.copyOf(sections);
    }

    /** @param title the heading, sheet name or slide title; null when the part has none */
    public record Section(String title, String text) {
    }
}
