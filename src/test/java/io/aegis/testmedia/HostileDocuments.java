package io.aegis.testmedia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Office documents built to hurt a parser, written by the tests: zip bombs, crowded zips, external entities (XXE)
 * and entity expansion (billion laughs) inside the XML parts, and a workbook large enough to take real time.
 */
public final class HostileDocuments {

    private static final String WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    private HostileDocuments() {
    }

    /** A Word package whose second part inflates to {@code zeros} bytes (deflate turns 200 MB of zeros into 200 KB). */
    public static byte[] docxBomb(long zeros) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var entry : wordPackage(wordDocument("", "A small report.")).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("word/media/padding.xml"));
            byte[] block = new byte[1 << 20];
            for (long written = 0; written < zeros; written += block.length) {
                zip.write(block, 0, (int) Math.min(block.length, zeros - written));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An ordinary OpenDocument text with {@code extra} more (empty) entries than it needs. */
    public static byte[] odtWithEntries(int extra) {
        Map<String, byte[]> entries = odtEntries(TestDocuments.contentXml("<office:text><text:p>Crowded.</text:p></office:text>"));
        for (int i = 0; i < extra; i++) {
            entries.put("Pictures/p" + i + ".png", new byte[0]);
        }
        return TestDocuments.zip("application/vnd.oasis.opendocument.text", entries);
    }

    /** A Word package whose document.xml declares an external entity naming {@code url} and uses it in the text. */
    public static byte[] docxWithExternalEntity(String url) {
        return zip(wordPackage(wordDocument("<!DOCTYPE w:document [<!ENTITY x SYSTEM \"" + url + "\">]>", "Visible words &x;")));
    }

    /** An OpenDocument text whose content.xml declares an external entity naming {@code url}. */
    public static byte[] odtWithExternalEntity(String url) {
        String content = TestDocuments.contentXml("<office:text><text:p>Visible words &x;</text:p></office:text>")
                .replaceFirst("^<\\?xml[^>]*\\?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE office:document-content "
                        + "[<!ENTITY x SYSTEM \"" + url + "\">]>");
        return TestDocuments.zip("application/vnd.oasis.opendocument.text", odtEntries(content));
    }

    /** An EPUB whose chapter declares an external entity naming {@code url}. */
    public static byte[] epubWithExternalEntity(String url) {
        byte[] epub = TestDocuments.epub("Book", java.util.List.of(TestDocuments.Section.of("One", "ENTITYMARK")));
        return rewriteEntry(epub, "OEBPS/ch1.xhtml", xhtml -> xhtml
                .replace("<html", "<!DOCTYPE html [<!ENTITY x SYSTEM \"" + url + "\">]><html")
                .replace("ENTITYMARK", "Visible words &x;"));
    }

    /** An OpenDocument text whose content.xml expands nine levels of ten entities (10⁹ "lol"s if nothing stops it). */
    public static byte[] odtWithBillionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE office:document-content [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        String content = TestDocuments.contentXml("<office:text><text:p>&lol9;</text:p></office:text>")
                .replaceFirst("^<\\?xml[^>]*\\?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + dtd + "]>");
        return TestDocuments.zip("application/vnd.oasis.opendocument.text", odtEntries(content));
    }

    /** A workbook of {@code cells} numbered text cells in 10 columns: ordinary, just large. */
    public static byte[] largeWorkbook(int cells) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("Data");
            for (int r = 0; r * 10 < cells; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < 10; c++) {
                    row.createCell(c).setCellValue("cell " + r + "-" + c);
                }
            }
            book.write(out);
            book.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> odtEntries(String contentXml) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/manifest.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
                + "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>"));
        entries.put("content.xml", utf8(contentXml));
        return entries;
    }

    private static Map<String, byte[]> wordPackage(String documentXml) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"" + WORD_MAIN + "\"/></Types>"));
        entries.put("_rels/.rels", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                + "Target=\"word/document.xml\"/></Relationships>"));
        entries.put("word/document.xml", utf8(documentXml));
        return entries;
    }

    private static String wordDocument(String doctype, String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype + "<w:document "
                + "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"
                + text + "</w:t></w:r></w:p></w:body></w:document>";
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        return TestDocuments.zip(null, entries);
    }

    private static byte[] rewriteEntry(byte[] zip, String name, java.util.function.UnaryOperator<String> change) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String mimeType = null;
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if ("mimetype".equals(entry.getName())) {
                    mimeType = new String(content, StandardCharsets.UTF_8);
                } else {
                    entries.put(entry.getName(), name.equals(entry.getName())
                            ? utf8(change.apply(new String(content, StandardCharsets.UTF_8))) : content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestDocuments.zip(mimeType, entries);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
