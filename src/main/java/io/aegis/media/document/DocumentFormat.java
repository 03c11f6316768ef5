package io.aegis.media.document;

import java.util.Locale;
import java.util.Optional;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.epub.EpubParser;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.parser.microsoft.rtf.RTFParser;

/**
 * The office and e-book formats Aegis extracts text from, by sniffed MIME type, each with the one Tika parser
 * that reads it (no auto-detection at parse time: the type was settled from the bytes) and the unit its text
 * is split into.
 */
public enum DocumentFormat {
    DOCX("docx", Unit.SECTION, true, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    XLSX("xlsx", Unit.SHEET, true, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PPTX("pptx", Unit.SLIDE, true, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ODT("odt", Unit.SECTION, true, "application/vnd.oasis.opendocument.text"),
    ODS("ods", Unit.SHEET, true, "application/vnd.oasis.opendocument.spreadsheet"),
    ODP("odp", Unit.SLIDE, true, "application/vnd.oasis.opendocument.presentation"),
    EPUB("epub", Unit.SECTION, true, "application/epub+zip"),
    RTF("rtf", Unit.SECTION, false, "application/rtf"),
    HTML("html", Unit.SECTION, false, "text/html", "application/xhtml+xml");

    /** What one entry of pages.json is: a heading's section, a sheet or a slide. */
    public enum Unit {
        SECTION, SHEET, SLIDE;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An OOXML package whose kind the first bytes do not tell; the whole file settles it (MimeSniffer.refine). */
    public static final String UNREFINED_OOXML = "application/x-tika-ooxml";

    private final String value;
    private final Unit unit;
    private final boolean zip;
    private final String[] mimeTypes;

    DocumentFormat(String value, Unit unit, boolean zip, String... mimeTypes) {
        this.value = value;
        this.unit = unit;
        this.zip = zip;
        this.mimeTypes = mimeTypes;
    }

    public static Optional<DocumentFormat> of(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        for (DocumentFormat format : values()) {
            for (String candidate : format.mimeTypes) {
                if (candidate.equals(type)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /** True for every type the document kind covers, including OOXML not yet told apart. */
    public static boolean isDocument(String mimeType) {
        return of(mimeType).isPresent() || UNREFINED_OOXML.equalsIgnoreCase(String.valueOf(mimeType));
    }

    public String value() {
        return value;
    }

    public Unit unit() {
        return unit;
    }

    /** A zip of XML parts (OOXML, OpenDocument, EPUB): its entries are counted and inflated under a budget first. */
    public boolean isZip() {
        return zip;
    }

    Parser newParser() {
        return switch (this) {
            case DOCX, XLSX, PPTX -> new OOXMLParser();
            case ODT, ODS, ODP -> new OpenDocumentParser();
            case EPUB -> new EpubParser();
            case RTF -> new RTFParser();
            case HTML -> new JSoupParser();
        };
    }
}
