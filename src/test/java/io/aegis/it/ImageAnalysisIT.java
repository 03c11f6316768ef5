package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** analyze-image with the offline provider, through the real pipeline: facts only, nothing guessed. */
class ImageAnalysisIT extends PipelineTestSupport {

    @Test
    void aPhotoGetsAnHonestOfflineDescriptionAndTags() throws Exception {
        String token = localToken();
        byte[] photo = TestImages.withExif(TestImages.blueWithWhiteBand(1200, 800), TestImages.MAKE, TestImages.MODEL, 1);
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "beach.jpg", photo));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(stepStatus(job, "analyze-image")).isEqualTo("SUCCEEDED");
        JsonNode insights = getJson(token, "/v1/assets/" + job.path("assetId").asText()).path("insights");
        assertThat(insights.path("description").asText())
                .contains("1200 × 800").contains("landscape").contains("blue")
                .contains(TestImages.MAKE + " " + TestImages.MODEL);
        assertThat(texts(insights.path("tags"))).isNotEmpty().contains("blue", "photo");
        assertThat(insights.path("nsfw").isNull()).isTrue();
        assertThat(insights.path("unavailable").path("nsfw").asText()).isEqualTo("the offline provider cannot judge image content");
        assertThat(insights.path("sources").path("description").path("provider").asText()).isEqualTo("offline");
        assertThat(insights.path("sources").path("tags").path("model").asText()).isEqualTo("image-facts-v2");
    }

    @Test
    void textInAnImageIsQuotedInTheDescriptionAndTagged() {
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "sign.png", TestImages.textImage("HARBOUR MARKET OPEN", 1000, 200)));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode insights = getJson(token, "/v1/assets/" + job.path("assetId").asText()).path("insights");
        assertThat(insights.path("description").asText()).contains("1000 × 200").contains("Contains text:").contains("HARBOUR");
        assertThat(texts(insights.path("tags"))).contains("text", "harbour");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

}
