package io.aegis.media.document;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the XHTML Tika writes for a document into {@link Sections}: a slide per {@code div.slide-content}
 * (master and layout placeholders skipped), a sheet per {@code div.sheet} (named by its h1) or per top-level
 * table of a spreadsheet, and for flowing text (Word, OpenDocument, EPUB, RTF, HTML) a section per h1–h3.
 * Nothing in {@code head}, {@code script} or {@code style} is text.
 */
final class XhtmlSections extends DefaultHandler {

    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "noscript", "template");
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "dd", "dt", "section", "article", "header", "footer", "nav", "aside", "ul", "ol");
    private static final Set<String> SECTION_HEADINGS = Set.of("h1", "h2", "h3");

    private final DocumentFormat format;
    private final Sections sections;
    private int skipDepth;
    private int tableDepth;
    private int cellDepth;
    private boolean sheetNamePending;
    private StringBuilder heading;

    XhtmlSections(DocumentFormat format, int maxSections) {
        this.format = format;
        this.sections = new Sections(format.unit(), maxSections);
    }

    List<DocumentText.Section> sections() {
        return sections.finish();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        String name = (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
        if (skipDepth > 0 || SKIPPED.contains(name)) {
            skipDepth++;
            return;
        }
        String cssClass = attributes.getValue("class");
        if ("div".equals(name) && cssClass != null) {
            switch (cssClass) {
                case "slide-content" -> sections.start(null);
                case "sheet" -> {
                    sections.start(null);
                    sheetNamePending = true;
                }
                // placeholders of masters and layouts ("Click to edit Master title style") are not the deck's words
                case "slide-master-content", "slide-layout-content", "embedded" -> skipDepth++;
                default -> {
                }
            }
            return;
        }
        if ("table".equals(name) && tableDepth++ == 0 && format == DocumentFormat.ODS) {
            sections.start(null);
        }
        if (SECTION_HEADINGS.contains(name) && (format.unit() == DocumentFormat.Unit.SECTION || sheetNamePending)) {
            if (!sheetNamePending) {
                sections.heading();
            }
            heading = new StringBuilder();
        }
        if ("td".equals(name) || "th".equals(name)) {
            cellDepth++;
        }
        if ("br".equals(name)) {
            sections.endLine();
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        if ("table".equals(name)) {
            tableDepth = Math.max(0, tableDepth - 1);
        }
        if (heading != null && SECTION_HEADINGS.contains(name)) {
            if (sheetNamePending) {
                sections.title(heading.toString());
                sheetNamePending = false;
            } else {
                sections.headingText(heading.toString());
            }
            heading = null;
        }
        if ("td".equals(name) || "th".equals(name)) {
            cellDepth = Math.max(0, cellDepth - 1);
            sections.cell();
        } else if (BLOCKS.contains(name) && cellDepth > 0) {
            // paragraphs inside a cell (OpenDocument wraps every cell's text in one) stay on the row's line
            sections.append(new char[] {' '}, 0, 1, false);
        } else if (BLOCKS.contains(name)) {
            sections.endLine();
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (skipDepth > 0) {
            return;
        }
        if (heading != null) {
            heading.append(ch, start, length);
            if (sheetNamePending) {
                return; // the sheet's name is its title, not a line of its cells
            }
        }
        sections.append(ch, start, length, heading == null);
    }
}
