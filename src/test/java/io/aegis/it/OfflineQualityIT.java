package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestImages;
import io.aegis.testmedia.TestPdfs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Offline insights a user can trust (issue 20), each with a generated file through the whole pipeline: OCR reads what a
 * person reads and nothing else reaches tags, summaries are of the text and not its markup, too short a text says so,
 * scanned pages are read, and every PDF gets a preview.
 */
class OfflineQualityIT extends PipelineTestSupport {

    static final Set<String> COLOURS = Set.of("black", "grey", "white", "red", "pink", "orange", "yellow", "olive", "green",
            "teal", "cyan", "blue", "purple", "brown", "beige");
    static final Set<String> FACT_TAGS = Set.of("text", "document", "graphic", "photo");

    @Test
    void whiteTextOnATransparentBackgroundIsRead() {
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "dark-diagram.png",
                TestImages.lightTextOnTransparent("Harbour master ledger\nVessels enter the port", 900, 260)));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode insights = asset(token, job).path("insights");
        assertThat(insights.path("ocrText").asText()).contains("Harbour", "master", "ledger", "Vessels", "port");
        assertThat(insights.path("unavailable").has("ocrText")).isFalse();
    }

    @Test
    void verticalChartLabelsAreReadTurnedAndNoGibberishBecomesATag() {
        String token = localToken();
        List<String> months = List.of("January", "February", "March", "April", "May", "June");
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "rainfall.png",
                TestImages.chartWithVerticalLabels("Monthly rainfall in Bergen", "Month of the year", "Rainfall in millimetres", months)));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode insights = asset(token, job).path("insights");
        Set<String> drawn = words("Monthly rainfall in Bergen Month of the year Rainfall in millimetres " + String.join(" ", months));
        // Every word OCR reports is one that is in the picture: the vertical labels read turned, no upside-down misreadings.
        assertThat(words(insights.path("ocrText").asText())).isSubsetOf(drawn).contains("rainfall", "millimetres", "february");
        assertThat(texts(insights.path("tags"))).allSatisfy(tag ->
                assertThat(COLOURS.contains(tag) || FACT_TAGS.contains(tag) || drawn.contains(tag)).as(tag).isTrue());
        // The light-grey panel is grey, not white.
        assertThat(texts(insights.path("tags"))).contains("grey").doesNotContain("white");
        assertThat(insights.path("description").asText()).contains("grey").doesNotContain("white (");
    }

    @Test
    void aSidewaysPhotoOfTextIsReadUprightFromItsExifOrientation() {
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "ledger.jpg",
                TestImages.sidewaysPhotoOfText("The harbour master keeps a ledger\nof every vessel that enters the port.")));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(asset(token, job).path("insights").path("ocrText").asText())
                .contains("harbour master keeps a ledger").contains("vessel that enters the port");
    }

    @Test
    void aMarkdownFilesSummaryHasNoCodeTableOrLinkSyntax() {
        String readme = """
                # Harbour ledger

                The harbour ledger records every vessel that enters the port, with its cargo and its berth.
                Harbour masters use it to plan the berths for the coming week and to bill the shipping companies.

                ## Install

                ```bash
                git clone https://example.org/ledger.git && cd ledger && make install
                ```

                | command | what it does |
                |---------|--------------|
                | `ledger add` | records a vessel |
                | `ledger bill` | bills a company |

                See the [berth planning guide](https://example.org/berths) before the season starts.
                The ledger keeps its records for seven years, as the port authority requires.
                Every bill lists the days a vessel spent at its berth and the cargo it landed.
                """;
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "README.md", readme.getBytes(StandardCharsets.UTF_8)));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        String summary = asset(token, job).path("insights").path("summary").path("text").asText();
        assertThat(summary).isNotBlank().containsIgnoringCase("ledger");
        assertThat(summary).doesNotContain("```", "git clone", "|", "---", "](", "https://", "# ", "`");
    }

    @Test
    void aManualsSummaryCarriesNoDotLeadersRunningHeadsOrPageNumbers() {
        byte[] pdf = TestPdfs.manual("Ledger handbook",
                "Recording vessels", "Every vessel that enters the port is recorded in the ledger with its name and cargo. "
                        + "The harbour master checks each entry before the vessel is given a berth.",
                "Billing companies", "Shipping companies are billed for the days their vessels spend at a berth. "
                        + "Each bill lists the cargo landed and the fees for the berth and the cranes.",
                "Keeping records", "The ledger keeps its records for seven years, as the port authority requires. "
                        + "Old entries are archived at the end of each season.");
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "handbook.pdf", pdf));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode asset = asset(token, job);
        String summary = asset.path("insights").path("summary").path("text").asText();
        assertThat(summary).isNotBlank().doesNotContain(". . .", "Contents", "Ledger handbook");
        assertThat(summary).containsAnyOf("vessel", "bill", "ledger");
    }

    @Test
    void aScannedPdfGetsItsTextFromOcrAndIsFoundBySearch() {
        byte[] scan = TestPdfs.scanned(TestPdfs.pages("Berth report",
                "The cold storage plant at berth seven opened in March.\nIt keeps the catch of twelve trawlers fresh.",
                "Fuel deliveries to the north quay moved to Tuesdays."), 150);
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "scan.pdf", scan));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode pages = read(new String(download(rendition(asset(token, job), "pages").path("url").asText()), StandardCharsets.UTF_8))
                .path("pages");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).path("ocr").asBoolean()).isTrue();
        assertThat(pages.get(0).path("text").asText()).contains("cold storage plant at berth seven").contains("twelve trawlers");
        assertThat(pages.get(1).path("text").asText()).contains("Fuel deliveries to the north quay");

        JsonNode hits = getJson(token, "/v1/search?q=" + encode("north quay fuel deliveries") + "&limit=5").path("items");
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).path("assetId").asText()).isEqualTo(job.path("assetId").asText());
        assertThat(hits.get(0).path("page").asInt()).isEqualTo(2);
    }

    @Test
    void everyPdfHasAPreviewThatDecodes() throws Exception {
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "notes.pdf",
                TestPdfs.pages("Notes", "The harbour opens at six.", "The ferry leaves at nine.")));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        List<JsonNode> thumbnails = renditions(asset(token, job), "thumbnail");
        assertThat(thumbnails).isNotEmpty();
        for (JsonNode thumbnail : thumbnails) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(download(thumbnail.path("url").asText())));
            assertThat(image).as("thumbnail decodes").isNotNull();
            assertThat(image.getWidth()).isEqualTo(thumbnail.path("width").asInt());
            // A portrait page stays portrait.
            assertThat(image.getHeight()).isGreaterThan(image.getWidth());
        }
    }

    @Test
    void aTextTooShortToSummariseGetsNoSummaryAndSaysWhy() {
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "reminder.txt",
                "Remember to water the plants on Friday.".getBytes(StandardCharsets.UTF_8)));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(stepStatus(job, "summarize")).isEqualTo("SKIPPED");
        JsonNode insights = asset(token, job).path("insights");
        assertThat(insights.path("summary").isNull()).isTrue();
        assertThat(insights.path("unavailable").path("summary").asText()).contains("too short to summarise");
        // Still findable: the text itself is indexed.
        assertThat(stepStatus(job, "embed")).isEqualTo("SUCCEEDED");
    }

    private JsonNode asset(String token, JsonNode job) {
        return getJson(token, "/v1/assets/" + job.path("assetId").asText());
    }

    static JsonNode rendition(JsonNode asset, String kind) {
        return renditions(asset, kind).stream().findFirst().orElseThrow(() -> new AssertionError("no " + kind + " rendition"));
    }

    static String encode(String query) {
        return java.net.URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    static Set<String> words(String text) {
        return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+"))
                .filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
