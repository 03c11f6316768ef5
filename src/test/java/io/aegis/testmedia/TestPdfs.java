package io.aegis.testmedia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.SimpleTimeZone;
import java.util.zip.Adler32;
import java.util.zip.Deflater;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Small PDFs built in memory for tests: ordinary, hostile and encrypted ones. */
public final class TestPdfs {

    /** The author every generated PDF names. */
    public static final String AUTHOR = "Aegis test suite";
    /** The creation date every generated PDF carries, as PdfFacts reports it. */
    public static final String CREATED = "2024-03-01T10:15:30+01:00";
    public static final String USER_PASSWORD = "user-secret";
    public static final String OWNER_PASSWORD = "owner-secret";

    private TestPdfs() {
    }

    /** One page per text, in Helvetica 12 pt; a {@code \n} in a text starts a new line. */
    public static byte[] pages(String title, String... pageTexts) {
        try (PDDocument document = document(title, pageTexts)) {
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A one-page PDF whose content, a single FlateDecode stream of spaces (about 1,000 times smaller than
     * {@code inflatedBytes}), inflates to {@code inflatedBytes}.
     */
    public static byte[] inflationBomb(long inflatedBytes) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            // an array of streams is the form PDFBox decodes whole into the heap before parsing
            page.setContents(List.of(new PDStream(deflatedSpaces(document, inflatedBytes))));
            document.addPage(page);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #inflationBomb}, but the spaces sit in a form XObject that the page draws. */
    public static byte[] inflationBombInForm(long inflatedBytes) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDFormXObject form = new PDFormXObject(new PDStream(deflatedSpaces(document, inflatedBytes)));
            form.setBBox(page.getMediaBox());
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(form);
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens only with {@link #USER_PASSWORD}. */
    public static byte[] passwordProtected() {
        return encrypted(USER_PASSWORD, "Top secret");
    }

    /** Opens without a password; the owner password only restricts permissions (copying text is forbidden). */
    public static byte[] ownerPasswordOnly(String text) {
        return encrypted("", text);
    }

    /**
     * A manual as word processors lay it out: a contents page of dot-leader lines, then chapters whose pages carry a
     * running head (the manual's name) and a page number at the foot. {@code chapters} alternate title, body.
     */
    public static byte[] manual(String name, String... chapters) {
        StringBuilder contents = new StringBuilder("Contents\n");
        for (int i = 0; i < chapters.length; i += 2) {
            contents.append(chapters[i]).append(" . . . . . . . . . . . . . . . . . . . . ").append(i / 2 + 2).append('\n');
        }
        String[] pages = new String[chapters.length / 2 + 1];
        pages[0] = contents.toString();
        for (int i = 0; i < chapters.length; i += 2) {
            pages[i / 2 + 1] = name + "\n\n" + chapters[i] + "\n" + chapters[i + 1] + "\n\n" + (i / 2 + 2);
        }
        return pages(name, pages);
    }

    /** The pages of {@code pdf} as a scanner makes them: each rendered to a grey picture and wrapped again, no text layer. */
    public static byte[] scanned(byte[] pdf, int dpi) {
        try (PDDocument original = org.apache.pdfbox.Loader.loadPDF(pdf); PDDocument scan = new PDDocument()) {
            org.apache.pdfbox.rendering.PDFRenderer renderer = new org.apache.pdfbox.rendering.PDFRenderer(original);
            for (int i = 0; i < original.getNumberOfPages(); i++) {
                java.awt.image.BufferedImage picture = renderer.renderImageWithDPI(i, dpi, org.apache.pdfbox.rendering.ImageType.GRAY);
                PDPage page = new PDPage(original.getPage(i).getMediaBox());
                scan.addPage(page);
                var image = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(scan, picture);
                try (PDPageContentStream content = new PDPageContentStream(scan, page)) {
                    content.drawImage(image, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                }
            }
            return save(scan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDDocument document(String title, String... pageTexts) throws IOException {
        PDDocument document = new PDDocument();
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setAuthor(AUTHOR);
        info.setCreationDate(created());
        PDType1Font helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (String text : pageTexts) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(helvetica, 12);
                content.setLeading(14);
                content.newLineAtOffset(72, 720);
                for (String line : text.split("\n", -1)) {
                    // Wrapped at about 90 characters, as a page would hold them.
                    for (String part : wrap(line, 90)) {
                        content.showText(part);
                        content.newLine();
                    }
                }
                content.endText();
            }
        }
        return document;
    }

    private static byte[] encrypted(String userPassword, String text) {
        try (PDDocument document = document("Encrypted", text)) {
            AccessPermission permissions = new AccessPermission();
            permissions.setCanExtractContent(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy(OWNER_PASSWORD, userPassword, permissions);
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static COSStream deflatedSpaces(PDDocument document, long inflatedBytes) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        try (OutputStream raw = stream.createRawOutputStream()) {
            raw.write(zlibSpaces(inflatedBytes));
        }
        return stream;
    }

    /**
     * zlib data for {@code count} spaces. Deflating hundreds of MB takes seconds, so one MiB is deflated into a
     * byte-aligned block and that block repeated: it only refers back to spaces, so it decodes the same anywhere.
     */
    private static byte[] zlibSpaces(long count) throws IOException {
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        long wholeChunks = count / spaces.length;
        int rest = (int) (count % spaces.length);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            ByteArrayOutputStream zlib = new ByteArrayOutputStream();
            zlib.write(new byte[] {0x78, (byte) 0xDA}); // zlib header: deflate, 32 KiB window, best compression
            byte[] block = deflate(deflater, spaces, spaces.length, false);
            Adler32 checksum = new Adler32();
            for (long i = 0; i < wholeChunks; i++) {
                zlib.write(block);
                checksum.update(spaces);
            }
            zlib.write(deflate(deflater, spaces, rest, true));
            checksum.update(spaces, 0, rest);
            zlib.write(ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array());
            return zlib.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] deflate(Deflater deflater, byte[] input, int length, boolean last) {
        deflater.setInput(input, 0, length);
        if (last) {
            deflater.finish();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
            out.write(buffer, 0, written);
        } while (last ? !deflater.finished() : written == buffer.length);
        return out.toByteArray();
    }

    private static Calendar created() {
        GregorianCalendar calendar = new GregorianCalendar(new SimpleTimeZone(60 * 60 * 1000, "+01:00"));
        calendar.clear();
        calendar.set(2024, Calendar.MARCH, 1, 10, 15, 30);
        return calendar;
    }

    private static List<String> wrap(String line, int width) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : line.split(" ", -1)) {
            if (current.length() > 0 && current.length() + word.length() + 1 > width) {
                parts.add(current.toString());
                current.setLength(0);
            }
            current.append(current.length() > 0 ? " " : "").append(word);
        }
        parts.add(current.toString());
        return parts;
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        document.save(bytes);
        return bytes.toByteArray();
    }
}
