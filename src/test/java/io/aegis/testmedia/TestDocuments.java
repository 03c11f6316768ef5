package io.aegis.testmedia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Office and e-book documents written by the tests: OOXML with Apache POI (as Word, Excel and PowerPoint files
 * are), OpenDocument and EPUB as the zip of XML files their specifications define, RTF and HTML as text. A
 * {@link Section} is one heading with its paragraphs, one slide or one sheet. Deterministic for the same input.
 */
public final class TestDocuments {

    /** A titled part of a document; for sheets, each paragraph is one row of cells separated by tabs. */
    public record Section(String title, List<String> paragraphs) {

        public static Section of(String title, String... paragraphs) {
            return new Section(title, List.of(paragraphs));
        }
    }

    private TestDocuments() {
    }

    /** A Word document: each section a "Heading 1" paragraph and body paragraphs. */
    public static byte[] docx(String title, List<Section> sections) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle(title);
            doc.getProperties().getCoreProperties().setCreator("Aegis Tests");
            // Word's built-in "heading 1", which readers (Tika included) turn into a heading
            CTStyle headingStyle = CTStyle.Factory.newInstance();
            headingStyle.setStyleId("Heading1");
            headingStyle.setType(STStyleType.PARAGRAPH);
            headingStyle.addNewName().setVal("heading 1");
            doc.createStyles().addStyle(new XWPFStyle(headingStyle));
            for (Section section : sections) {
                XWPFParagraph heading = doc.createParagraph();
                heading.setStyle("Heading1");
                heading.createRun().setText(section.title());
                for (String text : section.paragraphs()) {
                    doc.createParagraph().createRun().setText(text);
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Excel workbook: one sheet per section, named by its title, one row per paragraph (cells split on tabs). */
    public static byte[] xlsx(List<Section> sheets) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Section section : sheets) {
                XSSFSheet sheet = book.createSheet(section.title());
                int row = 0;
                for (String line : section.paragraphs()) {
                    var cells = sheet.createRow(row++);
                    String[] values = line.split("\t");
                    for (int c = 0; c < values.length; c++) {
                        cells.createCell(c).setCellValue(values[c]);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PowerPoint deck: one slide per section, its title and its paragraphs in text boxes. */
    public static byte[] pptx(List<Section> slides) {
        try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Section section : slides) {
                var slide = show.createSlide();
                XSLFTextBox title = slide.createTextBox();
                title.setAnchor(new java.awt.Rectangle(40, 20, 600, 60));
                title.setText(section.title());
                XSLFTextBox body = slide.createTextBox();
                body.setAnchor(new java.awt.Rectangle(40, 100, 600, 300));
                body.setText(String.join("\n", section.paragraphs()));
            }
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenDocument text: each section a level-1 heading and paragraphs. */
    public static byte[] odt(String title, List<Section> sections) {
        StringBuilder body = new StringBuilder("<office:text>");
        for (Section section : sections) {
            body.append("<text:h text:outline-level=\"1\">").append(escape(section.title())).append("</text:h>");
            for (String text : section.paragraphs()) {
                body.append("<text:p>").append(escape(text)).append("</text:p>");
            }
        }
        return openDocument("application/vnd.oasis.opendocument.text", title, body.append("</office:text>").toString());
    }

    /** An OpenDocument spreadsheet: one table per section, named by its title. */
    public static byte[] ods(List<Section> sheets) {
        StringBuilder body = new StringBuilder("<office:spreadsheet>");
        for (Section sheet : sheets) {
            body.append("<table:table table:name=\"").append(escape(sheet.title())).append("\">");
            for (String line : sheet.paragraphs()) {
                body.append("<table:table-row>");
                for (String cell : line.split("\t")) {
                    body.append("<table:table-cell office:value-type=\"string\"><text:p>").append(escape(cell))
                            .append("</text:p></table:table-cell>");
                }
                body.append("</table:table-row>");
            }
            body.append("</table:table>");
        }
        return openDocument("application/vnd.oasis.opendocument.spreadsheet", "sheets",
                body.append("</office:spreadsheet>").toString());
    }

    /** An OpenDocument presentation: one page (slide) per section. */
    public static byte[] odp(List<Section> slides) {
        StringBuilder body = new StringBuilder("<office:presentation>");
        int n = 1;
        for (Section slide : slides) {
            body.append("<draw:page draw:name=\"page").append(n++).append("\">")
                    .append("<draw:frame><draw:text-box><text:p>").append(escape(slide.title())).append("</text:p></draw:text-box></draw:frame>")
                    .append("<draw:frame><draw:text-box>");
            for (String text : slide.paragraphs()) {
                body.append("<text:p>").append(escape(text)).append("</text:p>");
            }
            body.append("</draw:text-box></draw:frame></draw:page>");
        }
        return openDocument("application/vnd.oasis.opendocument.presentation", "slides",
                body.append("</office:presentation>").toString());
    }

    /** An EPUB 2 book: one XHTML chapter per section, in spine order. */
    public static byte[] epub(String title, List<Section> chapters) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/container.xml", utf8("<?xml version=\"1.0\"?><container version=\"1.0\" "
                + "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"OEBPS/content.opf\" "
                + "media-type=\"application/oebps-package+xml\"/></rootfiles></container>"));
        StringBuilder manifest = new StringBuilder();
        StringBuilder spine = new StringBuilder();
        for (int i = 0; i < chapters.size(); i++) {
            String id = "ch" + (i + 1);
            manifest.append("<item id=\"").append(id).append("\" href=\"").append(id).append(".xhtml\" media-type=\"application/xhtml+xml\"/>");
            spine.append("<itemref idref=\"").append(id).append("\"/>");
            StringBuilder chapter = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
                    + "<head><title>").append(escape(chapters.get(i).title())).append("</title></head><body><h1>")
                    .append(escape(chapters.get(i).title())).append("</h1>");
            for (String text : chapters.get(i).paragraphs()) {
                chapter.append("<p>").append(escape(text)).append("</p>");
            }
            entries.put("OEBPS/" + id + ".xhtml", utf8(chapter.append("</body></html>").toString()));
        }
        entries.put("OEBPS/content.opf", utf8("<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"2.0\" "
                + "unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + escape(title)
                + "</dc:title><dc:creator>Aegis Tests</dc:creator><dc:language>en</dc:language><dc:identifier id=\"id\">aegis-test</dc:identifier>"
                + "</metadata><manifest>" + manifest + "</manifest><spine>" + spine + "</spine></package>"));
        return zip("application/epub+zip", entries);
    }

    /** Rich text: each section a bold title line and paragraphs, sections separated by page breaks. */
    public static byte[] rtf(List<Section> sections) {
        StringBuilder rtf = new StringBuilder("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}}\n\\pard\\plain\\f0 ");
        for (int i = 0; i < sections.size(); i++) {
            if (i > 0) {
                rtf.append("\\page\n");
            }
            rtf.append("{\\b ").append(sections.get(i).title()).append("}\\par\n");
            for (String text : sections.get(i).paragraphs()) {
                rtf.append(text).append("\\par\n");
            }
        }
        return utf8(rtf.append("}").toString());
    }

    /** A web page with a navigation bar, a script and styles around its sections (h2 and paragraphs). */
    public static byte[] html(String title, List<Section> sections) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>body { font-family: sans-serif; color: #333 }</style>")
                .append("<script>var tracking = 'analytics-bootstrap-code';</script></head><body>")
                .append("<nav><a href=\"/\">Home</a></nav><h1>").append(escape(title)).append("</h1>");
        for (Section section : sections) {
            html.append("<h2>").append(escape(section.title())).append("</h2>");
            for (String text : section.paragraphs()) {
                html.append("<p class=\"lead\">").append(escape(text)).append("</p>");
            }
        }
        return utf8(html.append("</body></html>\n").toString());
    }

    /** An OpenDocument package: the uncompressed mimetype first (that is how readers recognise it), then XML parts. */
    public static byte[] openDocument(String mimeType, String title, String body) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/manifest.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
                + "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" + mimeType + "\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                + "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>"));
        entries.put("meta.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta "
                + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "office:version=\"1.2\"><office:meta><dc:title>" + escape(title) + "</dc:title></office:meta></office:document-meta>"));
        entries.put("content.xml", utf8(contentXml(body)));
        return zip(mimeType, entries);
    }

    /** content.xml with the namespaces every OpenDocument body uses. */
    public static String contentXml(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
                + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                + "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" office:version=\"1.2\"><office:body>"
                + body + "</office:body></office:document-content>";
    }

    /** A zip whose first entry is {@code mimetype}, stored (ODF and EPUB both require this). */
    public static byte[] zip(String mimeType, Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (mimeType != null) {
                byte[] type = utf8(mimeType);
                ZipEntry entry = new ZipEntry("mimetype");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(type.length);
                CRC32 crc = new CRC32();
                crc.update(type);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(type);
                zip.closeEntry();
            }
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
