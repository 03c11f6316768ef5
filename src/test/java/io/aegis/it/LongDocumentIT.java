package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestPdfs;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 300-page PDF is far over one model call (≈ 40 000 tokens against 3 000-token chunks): the summarize step
 * map-reduces it, and the summary still comes from the document and is about what the document is about.
 */
class LongDocumentIT extends PipelineTestSupport {

    static final String[] TOPIC = {
        "The harbour council approved the cold storage plant for the fishing fleet.",
        "Fishermen said the cold storage plant would let the fleet hold its catch until prices recover.",
        "The cold storage plant will be built beside the old fish market on the harbour.",
        "Funding for the cold storage plant comes from the council and the fishing cooperative.",
    };
    static final String[] FILLER = {
        "A cyclist crossed the bridge at noon.", "The library extended its opening hours on Thursdays.",
        "Rain fell briefly over the western hills.", "A new bakery opened near the railway station.",
        "The choir rehearsed in the church hall.", "Schoolchildren planted trees along the canal path.",
        "The museum displayed a collection of old maps.", "Traffic was slow on the ring road in the evening.",
    };

    @Test
    void aThreeHundredPagePdfIsSummarisedFromItsOwnSentencesAboutItsMainTopic() {
        Random random = new Random(42);
        List<String> pages = new ArrayList<>();
        for (int page = 1; page <= 300; page++) {
            List<String> lines = new ArrayList<>();
            for (int line = 0; line < 6; line++) {
                String[] pool = random.nextInt(3) == 0 ? TOPIC : FILLER;
                lines.add(pool[random.nextInt(pool.length)]);
            }
            pages.add(String.join("\n", lines));
        }
        String token = localToken();

        JsonNode job = awaitTerminal(token, uploadAccepted(token, "harbour-report.pdf",
                TestPdfs.pages("Harbour report", pages.toArray(String[]::new))));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode asset = getJson(token, "/v1/assets/" + job.path("assetId").asText());
        assertThat(asset.path("metadata").path("pageCount").asInt()).isEqualTo(300);
        String summary = asset.path("insights").path("summary").path("text").asText();
        assertThat(summary).contains("cold storage plant");
        String source = String.join(" ", pages).replace('\n', ' ');
        for (String sentence : summary.split("(?<=\\.)\\s+")) {
            assertThat(source).as("extractive: nothing invented").contains(sentence.strip());
        }
    }
}
