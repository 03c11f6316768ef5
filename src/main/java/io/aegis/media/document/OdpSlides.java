package io.aegis.media.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The slides of an OpenDocument presentation. Tika's XHTML for ODP keeps the text but not where one slide
 * ends, so content.xml is read again (with Tika's hardened XML reader: no DTDs fetched, entity expansion
 * capped) and split at each {@code draw:page}; speaker notes are left out as in PowerPoint decks.
 */
final class OdpSlides extends DefaultHandler {

    private static final String DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
    private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static final String PRESENTATION = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0";

    private final Sections sections;
    private int pageDepth;
    private int skipDepth;

    private OdpSlides(int maxSections) {
        this.sections = new Sections(DocumentFormat.Unit.SLIDE, maxSections);
    }

    static List<DocumentText.Section> read(Path odp, int maxSections) throws IOException, SAXException, TikaException {
        OdpSlides handler = new OdpSlides(maxSections);
        try (ZipFile zip = new ZipFile(odp.toFile())) {
            ZipEntry content = zip.getEntry("content.xml");
            if (content == null) {
                return List.of();
            }
            try (InputStream in = zip.getInputStream(content)) {
                XMLReaderUtils.parseSAX(in, handler, new ParseContext());
            }
        }
        return handler.sections.finish();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        if (skipDepth > 0 || (PRESENTATION.equals(uri) && "notes".equals(localName))) {
            skipDepth++;
            return;
        }
        if (DRAW.equals(uri) && "page".equals(localName)) {
            sections.start(null);
            pageDepth = 1;
            return;
        }
        if (pageDepth > 0) {
            pageDepth++;
            if (TEXT.equals(uri)) {
                switch (localName) {
                    case "s" -> sections.append(new char[] {' '}, 0, 1, true);
                    case "tab" -> sections.cell();
                    case "line-break" -> sections.endLine();
                    default -> {
                    }
                }
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        if (pageDepth > 0) {
            pageDepth--;
            if (TEXT.equals(uri) && ("p".equals(localName) || "h".equals(localName))) {
                sections.endLine();
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (skipDepth == 0 && pageDepth > 0) {
            sections.append(ch, start, length, true);
        }
    }
}
