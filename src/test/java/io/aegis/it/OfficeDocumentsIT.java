package io.aegis.it;

import static io.aegis.it.MediaPipelineIT.download;
import static io.aegis.it.MediaPipelineIT.renditions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.HostileDocuments;
import io.aegis.testmedia.TestDocuments;
import io.aegis.testmedia.TestDocuments.Section;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Word, Excel, PowerPoint, OpenDocument, EPUB, RTF and HTML files through the whole pipeline: their text per
 * section, sheet or slide in pages.json, then summary, tags and search like a PDF; hostile ones (zip bombs, crowded
 * zips, XXE, entity bombs, damage) end with their own code, fetch nothing, and leave the workers able to carry on.
 */
class OfficeDocumentsIT extends PipelineTestSupport {

    static final List<Section> REPORT = List.of(
            Section.of("Harbour", "The fleet landed cod and haddock every morning this spring, and the harbour was busy."),
            Section.of("Fuel", "Fuel prices rose sharply in the summer and the fleet shrank to fifteen boats."),
            Section.of("Storage", "The council proposed a cold-storage plant so the remaining boats could sell in winter."));
    static final List<Section> SHEETS = List.of(
            Section.of("Catch", "species\tkilos", "cod\t1200", "haddock\t800"),
            Section.of("Boats", "name\tcrew", "Mary Rose\t4"));

    @TempDir
    Path tmp;

    /** {@code summarised}: false for the two small sheets, whose 11 words are too few to summarise. */
    record Upload(String filename, byte[] content, String format, int parts, String firstTitle, String secondPartText,
                  boolean summarised) {

        Upload(String filename, byte[] content, String format, int parts, String firstTitle, String secondPartText) {
            this(filename, content, format, parts, firstTitle, secondPartText, true);
        }
    }

    @Test
    void everyDocumentFormatGetsItsTextPerPartThenASummaryAndSearch() throws Exception {
        List<Upload> uploads = List.of(
                new Upload("report.docx", TestDocuments.docx("Harbour report", REPORT), "docx", 3, "Harbour", "fifteen boats"),
                new Upload("catch.xlsx", TestDocuments.xlsx(SHEETS), "xlsx", 2, "Catch", "Mary Rose\t4", false),
                new Upload("deck.pptx", TestDocuments.pptx(REPORT), "pptx", 3, "Harbour", "fifteen boats"),
                new Upload("report.odt", TestDocuments.odt("Harbour report", REPORT), "odt", 3, "Harbour", "fifteen boats"),
                new Upload("catch.ods", TestDocuments.ods(SHEETS), "ods", 2, "Sheet 1", "Mary Rose\t4", false),
                new Upload("deck.odp", TestDocuments.odp(REPORT), "odp", 3, "Harbour", "fifteen boats"),
                new Upload("book.epub", TestDocuments.epub("Harbour report", REPORT), "epub", 3, "Harbour", "fifteen boats"),
                new Upload("notes.rtf", TestDocuments.rtf(REPORT), "rtf", 1, null, null),
                // the file name says text; the bytes say HTML, and HTML is read as a document
                new Upload("page.txt", TestDocuments.html("Harbour report", REPORT), "html", 4, null, "cod and haddock"));
        String token = localToken();
        Map<Upload, String> jobs = new LinkedHashMap<>();
        for (Upload upload : uploads) {
            jobs.put(upload, uploadAccepted(token, upload.filename(), upload.content()));
        }
        for (var entry : jobs.entrySet()) {
            Upload upload = entry.getKey();
            JsonNode job = awaitTerminal(token, entry.getValue());
            assertThat(job.path("status").asText()).as(upload.filename() + " " + job).isEqualTo("SUCCEEDED");
            assertThat(UploadPipelineIT.stepNames(job)).as(upload.filename())
                    .containsExactly("validate", "metadata", "extract-document", "summarize", "embed");
            JsonNode asset = assetOf(token, job);
            assertThat(asset.path("mediaType").asText()).isEqualTo("document");
            assertThat(asset.path("metadata").path("document").path("format").asText()).isEqualTo(upload.format());
            JsonNode pages = read(new String(download(renditions(asset, "pages").get(0).path("url").asText()),
                    StandardCharsets.UTF_8)).path("pages");
            assertThat(pages).as(upload.filename()).hasSize(upload.parts());
            if (upload.firstTitle() != null) {
                assertThat(pages.get(0).path("title").asText()).as(upload.filename()).isEqualTo(upload.firstTitle());
                assertThat(pages.get(1).path("text").asText()).as(upload.filename()).contains(upload.secondPartText());
            }
            String text = new String(download(renditions(asset, "text").get(0).path("url").asText()), StandardCharsets.UTF_8);
            assertThat(text).as(upload.filename()).doesNotContain("<", "analytics-bootstrap-code", "font-family");
            JsonNode insights = asset.path("insights");
            if (upload.summarised()) {
                assertThat(insights.path("summary").path("text").asText()).as(upload.filename()).isNotBlank()
                        .doesNotContain("<p", "<h2", "analytics-bootstrap-code");
            } else {
                assertThat(insights.path("summary").path("text").asText()).as(upload.filename()).isEmpty();
                assertThat(insights.path("unavailable").path("summary").asText()).as(upload.filename())
                        .contains("too short to summarise");
            }
            assertThat(insights.path("tags")).as(upload.filename()).isNotEmpty();
        }
        JsonNode report = jobs.entrySet().stream().filter(e -> e.getKey().format().equals("docx")).findFirst()
                .map(e -> getJson(token, "/v1/jobs/" + e.getValue())).orElseThrow();
        JsonNode asset = getJson(token, "/v1/assets/" + report.path("assetId").asText());
        assertThat(asset.path("metadata").path("document").path("title").asText()).isEqualTo("Harbour report");
        assertThat(asset.path("metadata").path("document").path("author").asText()).isEqualTo("Aegis Tests");
        assertThat(asset.path("metadata").path("document").path("sections").asInt()).isEqualTo(3);
    }

    @Test
    void aDocumentIsFoundByWordsItsSummaryLeftOut() {
        List<String> sentences = List.of(
                "Astronomers measured the orbit of a distant comet with a new radio telescope.",
                "The bakery on the corner sells sourdough bread with rye and caraway seeds.",
                "Volcanic ash from the eruption closed three airports for two days.",
                "The chess champion defended her title with a risky queen sacrifice.",
                "Beekeepers reported that the lavender honey harvest doubled this year.",
                "A new tram line will connect the university to the central railway station.",
                "The orchestra rehearsed a symphony by Sibelius in the old cathedral.",
                "Engineers replaced the rusty cables of the suspension bridge over the river.",
                "Children planted two hundred oak saplings along the school playground.",
                "The museum displayed a medieval manuscript decorated with gold leaf.");
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "news.odt", TestDocuments.odt("News",
                List.of(new Section("Science and town", sentences.subList(0, 5)), new Section("Culture", sentences.subList(5, 10))))));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        String assetId = job.path("assetId").asText();
        String summary = getJson(token, "/v1/assets/" + assetId).path("insights").path("summary").path("text").asText();
        String leftOut = sentences.stream().filter(sentence -> !summary.contains(sentence)).findFirst().orElseThrow();

        // only the document's own text (text.txt, embedded as source "text") holds that sentence
        JsonNode hit = null;
        for (JsonNode item : getJson(token, "/v1/search?q=" + java.net.URLEncoder.encode(leftOut, StandardCharsets.UTF_8)
                + "&limit=50").path("items")) {
            if (assetId.equals(item.path("assetId").asText())) {
                hit = item;
            }
        }
        assertThat(hit).as("search hit for: " + leftOut).isNotNull();
        assertThat(hit.path("source").asText()).isEqualTo("text");
    }

    @Test
    void aDocumentIsSummarisedAndSearchedAsProseAndOneTooShortGetsNoSummary() throws Exception {
        String token = localToken();
        List<Section> manual = List.of(
                Section.of("Contents", "Introduction . . . . . . . . . . 1", "Servicing the cranes . . . . . . . . 4"),
                Section.of("Introduction", "This manual explains how the harbour cranes are inspected, greased and "
                        + "tested before the winter storms arrive.", "Every crane is checked by two engineers who sign "
                        + "the logbook after each inspection.", "A crane that fails its load test stays out of service "
                        + "until the broken parts are replaced."));
        String manualJob = uploadAccepted(token, "manual.docx", TestDocuments.docx("Crane manual", manual));
        String noteJob = uploadAccepted(token, "note.odt", TestDocuments.odt("Note",
                List.of(Section.of("Note", "Water the plants on Friday."))));

        JsonNode job = awaitTerminal(token, manualJob);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode asset = assetOf(token, job);
        // pages.json keeps the document as read; text.txt, what summarize and embed read, is prose
        String pages = new String(download(renditions(asset, "pages").get(0).path("url").asText()), StandardCharsets.UTF_8);
        assertThat(pages).contains("Servicing the cranes . . . .");
        String text = new String(download(renditions(asset, "text").get(0).path("url").asText()), StandardCharsets.UTF_8);
        assertThat(text).contains("harbour cranes are inspected").doesNotContain(". . .", "Servicing the cranes");
        assertThat(asset.path("insights").path("summary").path("text").asText()).isNotBlank().doesNotContain(". .");
        JsonNode hit = null;
        for (JsonNode item : getJson(token, "/v1/search?q=" + java.net.URLEncoder.encode("harbour cranes inspected",
                StandardCharsets.UTF_8) + "&limit=50").path("items")) {
            if (asset.path("assetId").asText().equals(item.path("assetId").asText())) {
                hit = item;
            }
        }
        assertThat(hit).as("the manual is found").isNotNull();
        assertThat(hit.path("snippet").asText()).contains("harbour cranes").doesNotContain(". . .");

        JsonNode note = awaitTerminal(token, noteJob);
        assertThat(note.path("status").asText()).as(note.toString()).isEqualTo("SUCCEEDED");
        assertThat(note.path("steps")).filteredOn(step -> "summarize".equals(step.path("name").asText()))
                .extracting(step -> step.path("status").asText()).containsExactly("SKIPPED");
        JsonNode insights = getJson(token, "/v1/assets/" + note.path("assetId").asText()).path("insights");
        assertThat(insights.path("summary").isNull() || insights.path("summary").isMissingNode()).as(insights.toString()).isTrue();
        assertThat(insights.path("unavailable").path("summary").asText()).contains("too short to summarise");
    }

    @Test
    void hostileDocumentsFailWithTheirOwnCodeFetchNothingAndTheWorkersCarryOn() throws Exception {
        try (BaitServer bait = BaitServer.start()) {
            String url = bait.url("/entity.txt");
            String secret = Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET").toUri().toString();
            byte[] docx = TestDocuments.docx("Report", REPORT);
            record Case(String filename, byte[] content, String outcome) {
            }
            List<Case> cases = List.of(
                    // 200 MB of zeros in 200 KB: stopped while inflating, at the test profile's budget
                    new Case("bomb.docx", HostileDocuments.docxBomb(200L << 20), "LIMIT_EXCEEDED"),
                    new Case("crowded.odt", HostileDocuments.odtWithEntries(1500), "LIMIT_EXCEEDED"),
                    new Case("xxe-file.docx", HostileDocuments.docxWithExternalEntity(secret), "UNSUPPORTED_MEDIA_TYPE"),
                    new Case("xxe-url.docx", HostileDocuments.docxWithExternalEntity(url), "UNSUPPORTED_MEDIA_TYPE"),
                    new Case("xxe-url.odt", HostileDocuments.odtWithExternalEntity(url), "SUCCEEDED"),
                    new Case("xxe-file.epub", HostileDocuments.epubWithExternalEntity(secret), "SUCCEEDED"),
                    new Case("laughs.odt", HostileDocuments.odtWithBillionLaughs(), "LIMIT_EXCEEDED"),
                    new Case("cut.docx", java.util.Arrays.copyOf(docx, docx.length / 2), "CORRUPT_MEDIA"));
            String token = localToken();
            Map<Case, JsonNode> jobs = uploadAllThenAwait(token, cases, Case::filename, Case::content);
            for (var entry : jobs.entrySet()) {
                JsonNode job = entry.getValue();
                String outcome = "SUCCEEDED".equals(job.path("status").asText())
                        ? "SUCCEEDED" : job.path("error").path("code").asText(job.path("status").asText());
                assertThat(outcome).as(entry.getKey().filename() + " " + job.path("error")).isEqualTo(entry.getKey().outcome());
                assertThat(job.toString()).doesNotContain("TOPSECRET");
                if ("SUCCEEDED".equals(outcome)) {
                    JsonNode asset = assetOf(token, job);
                    String text = new String(download(renditions(asset, "text").get(0).path("url").asText()), StandardCharsets.UTF_8);
                    assertThat(text).contains("Visible words").doesNotContain("TOPSECRET");
                }
            }
            assertThat(bait.fetches()).as("no entity or DTD URL is ever fetched").isZero();

            JsonNode next = awaitTerminal(token, uploadAccepted(token, "after.docx", docx));
            assertThat(next.path("status").asText()).isEqualTo("SUCCEEDED");
        }
    }
}
