package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestImages;
import io.aegis.testmedia.TestPdfs;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A sweep of broken, spoofed and hostile files, all submitted at once: each ends in the state and code that
 * says what it is, file names are never trusted, the heap does not grow with the abuse, and an ordinary job
 * still succeeds afterwards. Files that are safe to handle as what they really are (an XML entity bomb is
 * text; its entities are never expanded) are expected to succeed as that.
 */
class BadInputSweepIT extends PipelineTestSupport {

    record Case(String filename, byte[] content, String outcome) {
    }

    @Test
    void everyHostileFileEndsWithItsOwnCodeAndNothingLeaks() throws Exception {
        List<Case> cases = corpus();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        long heapBefore = usedHeapAfterGc();
        String token = localToken();

        Map<Case, String> jobs = new LinkedHashMap<>();
        for (Case c : cases) {
            jobs.put(c, uploadAccepted(token, c.filename(), c.content()));
        }
        List<String> mismatches = new ArrayList<>();
        for (var entry : jobs.entrySet()) {
            JsonNode job = awaitTerminal(token, entry.getValue());
            String outcome = "SUCCEEDED".equals(job.path("status").asText())
                    ? "SUCCEEDED" : job.path("error").path("code").asText(job.path("status").asText());
            if (!outcome.equals(entry.getKey().outcome())) {
                mismatches.add(entry.getKey().filename() + ": expected " + entry.getKey().outcome() + ", got "
                        + outcome + " " + job.path("error").path("message").asText());
            }
            if (!"SUCCEEDED".equals(outcome)) {
                assertThat(job.path("error").path("message").asText()).as(entry.getKey().filename()).isNotBlank();
            }
            String stored = getJson(token, "/v1/assets/" + job.path("assetId").asText()).path("filename").asText();
            assertThat(stored).as("stored name of " + entry.getKey().filename())
                    .doesNotContain("/", "\\", "..").doesNotContainPattern("\\p{Cntrl}");
        }
        assertThat(mismatches).isEmpty();

        // Bombs were refused before decoding: nothing they declared stayed in (or passed through) the heap.
        assertThat(usedHeapAfterGc() - heapBefore).isLessThan(128L * 1024 * 1024);
        JsonNode next = awaitTerminal(token, uploadAccepted(token, "ordinary.jpg", TestImages.jpeg(640, 480)));
        assertThat(next.path("status").asText()).isEqualTo("SUCCEEDED");
    }

    static List<Case> corpus() throws Exception {
        byte[] jpeg = TestImages.jpeg(800, 600);
        byte[] pdf = TestPdfs.pages("Sweep", "A page of ordinary text.");
        List<Case> cases = new ArrayList<>();
        // Images: truncated, header-only, declared sizes far past the pixel limit.
        cases.add(new Case("truncated.jpg", TestImages.truncated(jpeg, jpeg.length / 2), "CORRUPT_MEDIA"));
        cases.add(new Case("header-only.jpg", Arrays.copyOf(jpeg, 20), "CORRUPT_MEDIA"));
        cases.add(new Case("huge.png", TestImages.pngHeaderClaiming(50_000, 50_000), "DECOMPRESSION_BOMB"));
        cases.add(new Case("wide.png", TestImages.pngHeaderClaiming(1_000_000, 200), "DECOMPRESSION_BOMB"));
        cases.add(new Case("truncated.png", TestImages.truncated(TestImages.pngWithAlpha(300, 300), 100), "CORRUPT_MEDIA"));
        cases.add(new Case("huge.gif", gifClaiming(65_535, 65_535), "DECOMPRESSION_BOMB"));
        // The BMP reader checks the declared size against the data there is, and calls the file damaged.
        cases.add(new Case("huge.bmp", bmpClaiming(100_000, 100_000), "CORRUPT_MEDIA"));
        cases.add(new Case("xxe.svg", ("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>").getBytes(StandardCharsets.UTF_8),
                "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("tiny.png", TestImages.pngWithAlpha(1, 1), "SUCCEEDED"));
        // Executables and archives under media names: never media, never unpacked, never run.
        cases.add(new Case("cat.jpg", TestImages.elf(), "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("setup.png", windowsExecutable(), "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("photos.jpg", zipOf(1024), "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("bomb.zip", zipOf(50 * 1024 * 1024), "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("notes.gz", gzipOf(10 * 1024 * 1024), "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("noise.mp4", random(4096, 1), "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("noise.wav", random(4096, 2), "UNSUPPORTED_MEDIA_TYPE"));
        // Recordings: empty, a container with nothing decodable, playlists that name URLs.
        cases.add(new Case("empty.mp4", new byte[0], "EMPTY_FILE"));
        cases.add(new Case("empty.mp3", new byte[0], "EMPTY_FILE"));
        cases.add(new Case("garbage.mp4", mp4HeaderThenGarbage(), "CORRUPT_MEDIA"));
        cases.add(new Case("stream.m3u8", "#EXTM3U\n#EXTINF:10,\nhttp://127.0.0.1:1/a.ts\n".getBytes(StandardCharsets.US_ASCII),
                "UNSUPPORTED_MEDIA_TYPE"));
        // Without its extension a .pls is plain text to the sniffer: summarised as words, its URL never followed.
        cases.add(new Case("radio.pls", "[playlist]\nFile1=http://127.0.0.1:1/stream\nNumberOfEntries=1\n"
                .getBytes(StandardCharsets.US_ASCII), "SUCCEEDED"));
        // PDFs: bombs, encryption, damage.
        cases.add(new Case("bomb.pdf", TestPdfs.inflationBomb(200L * 1024 * 1024), "LIMIT_EXCEEDED"));
        cases.add(new Case("form-bomb.pdf", TestPdfs.inflationBombInForm(200L * 1024 * 1024), "LIMIT_EXCEEDED"));
        cases.add(new Case("secret.pdf", TestPdfs.passwordProtected(), "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("cut.pdf", Arrays.copyOf(pdf, pdf.length / 3), "CORRUPT_MEDIA"));
        cases.add(new Case("fake.pdf", ("%PDF-1.7\n" + "x".repeat(2000)).getBytes(StandardCharsets.US_ASCII), "CORRUPT_MEDIA"));
        cases.add(new Case("nested.pdf", deeplyNestedPdf(), "CORRUPT_MEDIA"));
        cases.add(new Case("empty.pdf", new byte[0], "EMPTY_FILE"));
        // A script named as a photo is a script: not a kind Aegis processes, and never run.
        cases.add(new Case("invoice.jpg", "#!/bin/sh\nrm -rf / # never run\n".getBytes(StandardCharsets.UTF_8),
                "UNSUPPORTED_MEDIA_TYPE"));
        // Text in disguise and hostile names: handled as the text it is, the name made safe.
        cases.add(new Case("../../etc/passwd", "root:x:0:0:root:/root:/bin/bash\n".getBytes(StandardCharsets.UTF_8), "SUCCEEDED"));
        cases.add(new Case("report\u202Etxt.exe", "An ordinary report.\n".getBytes(StandardCharsets.UTF_8), "SUCCEEDED"));
        cases.add(new Case("tab\tand\nnewline.txt", "Control characters in the name.\n".getBytes(StandardCharsets.UTF_8), "SUCCEEDED"));
        cases.add(new Case("laughs.xml", billionLaughs(), "SUCCEEDED"));
        return cases;
    }

    static byte[] gifClaiming(int width, int height) {
        ByteBuffer gif = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height)
                .put((byte) 0).put((byte) 0).put((byte) 0)
                .put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .put((byte) 0).put((byte) 8);
        return gif.array();
    }

    static byte[] bmpClaiming(int width, int height) {
        ByteBuffer bmp = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(128).putInt(0).putInt(54)
                .putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return bmp.array();
    }

    static byte[] windowsExecutable() {
        byte[] exe = random(2048, 3);
        exe[0] = 'M';
        exe[1] = 'Z';
        byte[] pe = "PE\0\0".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(pe, 0, exe, 0x80, pe.length);
        ByteBuffer.wrap(exe).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3C, 0x80);
        return exe;
    }

    static byte[] zipOf(int zeros) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            zip.write(new byte[zeros]);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    static byte[] gzipOf(int zeros) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(new byte[zeros]);
        }
        return out.toByteArray();
    }

    static byte[] mp4HeaderThenGarbage() {
        byte[] mp4 = random(4096, 4);
        byte[] ftyp = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
        System.arraycopy(ftyp, 0, mp4, 0, ftyp.length);
        return mp4;
    }

    static byte[] deeplyNestedPdf() {
        String nested = "[".repeat(50_000) + "]".repeat(50_000);
        String body = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Deep " + nested + " >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] billionLaughs() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        return xml.append("]>\n<lolz>&lol9;</lolz>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static long usedHeapAfterGc() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
