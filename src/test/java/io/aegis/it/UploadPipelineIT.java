package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.services.s3.S3Client;

/** Upload → SQS → validate → metadata → YAML dispatch → summarize → DynamoDB, end to end. */
class UploadPipelineIT extends PipelineTestSupport {

    static final String ARTICLE = """
            The harbour town of Kelby depends on its fishing fleet, which lands cod and haddock every morning.
            Over the last decade the fleet has shrunk from forty boats to fewer than fifteen.
            Fishermen blame rising fuel prices and strict quotas for the decline of the fleet.
            The town council has proposed a new cold-storage plant to help the remaining boats sell their catch.
            A cold-storage plant would let the fleet hold fish until market prices recover.
            Critics say the plant is too expensive for a town of three thousand people.
            The council expects a decision on the plant and its funding next spring.
            Meanwhile, tourism in the harbour has grown, and cafés now line the old fish market.
            Some fishermen have started taking visitors on boat trips to earn extra money.
            The annual regatta drew a record crowd this summer.
            """;

    @Autowired
    S3Client s3;

    @Test
    void aTextUploadIsSummarisedAndEveryStepIsRecorded() {
        String token = localToken();
        ResponseEntity<String> accepted = upload(token, "kelby-harbour.txt", ARTICLE.getBytes(StandardCharsets.UTF_8));

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        JsonNode body = read(accepted.getBody());
        String jobId = body.path("jobId").asText();
        assertThat(body.path("status").asText()).isEqualTo("QUEUED");
        assertThat(accepted.getHeaders().getLocation()).hasToString("/v1/jobs/" + jobId);
        assertThat(accepted.getHeaders().containsKey("Authorization")).as("request headers must not echo back").isFalse();

        JsonNode job = awaitTerminal(token, jobId);
        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("mediaType").asText()).isEqualTo("text");
        assertThat(job.path("mimeType").asText()).isEqualTo("text/plain");
        assertThat(job.path("progress").asInt()).isEqualTo(100);
        assertThat(stepNames(job)).containsExactly("validate", "metadata", "summarize", "embed");
        job.path("steps").forEach(step -> {
            assertThat(step.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(step.path("attempts").asInt()).isEqualTo(1);
            assertThat(step.path("finishedAt").asText()).isNotBlank();
        });

        JsonNode asset = getJson(token, "/v1/assets/" + body.path("assetId").asText());
        assertThat(asset.path("filename").asText()).isEqualTo("kelby-harbour.txt");
        assertThat(asset.path("sizeBytes").asLong()).isEqualTo(ARTICLE.getBytes(StandardCharsets.UTF_8).length);
        assertThat(asset.path("sha256").asText()).hasSize(64);
        assertThat(asset.path("metadata").path("lines").asInt()).isEqualTo(10);
        JsonNode summary = asset.path("insights").path("summary");
        assertThat(summary.path("provider").asText()).isEqualTo("offline");
        assertThat(summary.path("model").asText()).isNotBlank();
        String text = summary.path("text").asText();
        assertThat(text).isNotBlank().hasSizeLessThan(ARTICLE.length());
        // Extractive: every sentence of the summary is a sentence of the article, nothing invented.
        for (String sentence : text.split("(?<=\\.)\\s+")) {
            assertThat(ARTICLE.replace("\n", " ")).contains(sentence.strip());
        }
        assertThat(text).contains("fleet");
    }

    @Test
    void aPdfNamedTxtIsDetectedFromItsBytes() throws Exception {
        String token = localToken();
        String jobId = uploadAccepted(token, "innocent.txt", pdfWithText("Quarterly report"));

        JsonNode job = awaitTerminal(token, jobId);
        assertThat(job.path("mimeType").asText()).isEqualTo("application/pdf");
        assertThat(job.path("mediaType").asText()).isEqualTo("pdf");
        // The PDF plan ran, not the text one the name suggested.
        assertThat(stepNames(job)).contains("extract-text");
    }

    @Test
    void anEmptyFileFailsWithEmptyFile() {
        String token = localToken();
        String jobId = uploadAccepted(token, "empty.txt", new byte[0]);

        JsonNode job = awaitTerminal(token, jobId);
        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(job.path("error").path("code").asText()).isEqualTo("EMPTY_FILE");
        JsonNode validate = job.path("steps").get(0);
        assertThat(validate.path("name").asText()).isEqualTo("validate");
        assertThat(validate.path("status").asText()).isEqualTo("FAILED");
        assertThat(validate.path("error").path("code").asText()).isEqualTo("EMPTY_FILE");
        assertThat(job.path("steps").get(1).path("status").asText()).isEqualTo("SKIPPED");
    }

    @Test
    void anUploadOverTheLimitIs413AndNothingIsStored() {
        String token = localToken();
        int before = rawObjectCount();
        int jobsBefore = getJson(token, "/v1/jobs?limit=100").path("items").size();

        ResponseEntity<String> response = upload(token, "big.bin", new byte[1024 * 1024 + 1]);

        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(read(response.getBody()).path("status").asInt()).isEqualTo(413);
        assertThat(rawObjectCount()).isEqualTo(before);
        assertThat(getJson(token, "/v1/jobs?limit=100").path("items").size()).isEqualTo(jobsBefore);
    }

    @Test
    void anUploadWithoutTheFileFieldIs400() {
        var body = new org.springframework.util.LinkedMultiValueMap<String, Object>();
        body.add("other", "not a file");
        var headers = bearer(localToken());
        headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> response = http.postForEntity("/v1/upload",
                new org.springframework.http.HttpEntity<>(body, headers), String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(read(response.getBody()).path("detail").asText()).contains("'file'");
    }

    private int rawObjectCount() {
        return s3.listObjectsV2Paginator(b -> b.bucket("aegis-raw").prefix("local/")).contents().stream()
                .mapToInt(o -> 1).sum();
    }

    static List<String> stepNames(JsonNode job) {
        List<String> names = new ArrayList<>();
        job.path("steps").forEach(step -> names.add(step.path("name").asText()));
        return names;
    }

    static byte[] pdfWithText(String text) throws Exception {
        try (PDDocument document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (var content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
