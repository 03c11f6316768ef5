package io.aegis.media.image;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks an SVG before anything renders it: well-formed XML with an {@code <svg>} root, no external entities
 * (a classic way to make a server read its own files), entity expansion within the JDK's limits, and its
 * intrinsic size from {@code width}/{@code height}/{@code viewBox}. The whole document is read, so a billion
 * laughs deep inside is found here, not in the renderer.
 */
final class SvgHeader {

    private static final Pattern EXTERNAL_ENTITY = Pattern.compile("<!ENTITY\\s+(?:%\\s*)?[^\\s>]+\\s+(?:SYSTEM|PUBLIC)\\b");
    private static final Pattern LENGTH = Pattern.compile("\\s*\\+?((?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(px|pt|pc|mm|cm|in)?\\s*");
    private static final int ENTITY_EXPANSION_LIMIT = 10_000;
    private static final XMLInputFactory FACTORY = factory();

    /** Width and height in CSS pixels (96 per inch), or null when the SVG leaves them to the page (100%, none). */
    record Declared(Double width, Double height) {

        boolean known() {
            return width != null && height != null;
        }
    }

    private SvgHeader() {
    }

    /**
     * @throws StepFailure LIMIT_EXCEEDED above {@code maxBytes} or past the entity limit; UNSUPPORTED_MEDIA_TYPE
     *                     for an external entity; CORRUPT_MEDIA when it is not well-formed or its root is not svg
     */
    static Declared read(Path file, long maxBytes) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, String.format(Locale.ROOT,
                        "the SVG has %,d bytes; drawings are rendered up to %,d", size, maxBytes));
            }
            try (InputStream in = Files.newInputStream(file)) {
                XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
                try {
                    return scan(xml);
                } finally {
                    xml.close();
                }
            }
        } catch (XMLStreamException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("JAXP0001")) {
                throw new StepFailure(ErrorCode.LIMIT_EXCEEDED,
                        "the SVG expands its entities past " + ENTITY_EXPANSION_LIMIT + " times (an entity bomb)");
            }
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the SVG is not well-formed XML (" + firstLine(message) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Declared scan(XMLStreamReader xml) throws XMLStreamException {
        Declared declared = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD && EXTERNAL_ENTITY.matcher(xml.getText()).find()) {
                throw new StepFailure(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "the SVG declares an external entity; Aegis never loads what a drawing points at");
            }
            if (event == XMLStreamConstants.START_ELEMENT && declared == null) {
                if (!"svg".equals(xml.getLocalName())) {
                    throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the XML's root element is <" + xml.getLocalName()
                            + ">, not <svg>");
                }
                declared = size(attribute(xml, "width"), attribute(xml, "height"), attribute(xml, "viewBox"));
            }
        }
        if (declared == null) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the SVG has no root element");
        }
        return declared;
    }

    static Declared size(String width, String height, String viewBox) {
        Double w = length(width);
        Double h = length(height);
        double[] box = viewBox(viewBox);
        if (w != null && h != null) {
            return new Declared(w, h);
        }
        if (box == null) {
            return new Declared(null, null);
        }
        if (w != null) {
            return new Declared(w, w * box[1] / box[0]);
        }
        if (h != null) {
            return new Declared(h * box[0] / box[1], h);
        }
        return new Declared(box[0], box[1]);
    }

    /** An absolute SVG length in pixels; null for percentages, font-relative units, "auto" and nonsense. */
    static Double length(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = LENGTH.matcher(value);
        if (!m.matches()) {
            return null;
        }
        double number = Double.parseDouble(m.group(1));
        double pixels = number * switch (m.group(2) == null ? "px" : m.group(2)) {
            case "pt" -> 96.0 / 72;
            case "pc" -> 16.0;
            case "mm" -> 96 / 25.4;
            case "cm" -> 96 / 2.54;
            case "in" -> 96.0;
            default -> 1.0;
        };
        return pixels > 0 && Double.isFinite(pixels) ? pixels : null;
    }

    private static double[] viewBox(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.trim().split("[\\s,]+");
        if (parts.length != 4) {
            return null;
        }
        try {
            double width = Double.parseDouble(parts[2]);
            double height = Double.parseDouble(parts[3]);
            return width > 0 && height > 0 && Double.isFinite(width) && Double.isFinite(height)
                    ? new double[] {width, height} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String attribute(XMLStreamReader xml, String name) {
        return xml.getAttributeValue(null, name);
    }

    private static XMLInputFactory factory() {
        // the JDK's own parser, whatever StAX implementation the classpath brings: its limits and switches are the ones set here
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // Internal subsets are common (Illustrator declares its namespaces as entities); external ones are refused above.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty("http://java.sun.com/xml/stream/properties/ignore-external-dtd", true);
        factory.setProperty("jdk.xml.entityExpansionLimit", String.valueOf(ENTITY_EXPANSION_LIMIT));
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external reference " + systemId + " refused");
        });
        return factory;
    }

    private static String firstLine(String message) {
        String line = message.strip().lines().reduce((a, b) -> b).orElse(message);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
