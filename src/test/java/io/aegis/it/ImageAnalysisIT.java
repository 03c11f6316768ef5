package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** analyze-image with the offline provider, through the real pipeline: facts only, nothing guessed. */
class ImageAnalysisIT extends PipelineTestSupport {

    @Test
    void aPhotoGetsAnHonestOfflineDescriptionAndTags() throws Exception {
        String token = localToken();
        byte[] photo = TestImages.withExif(blueWithWhiteBand(1200, 800), TestImages.MAKE, TestImages.MODEL, 1);
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "beach.jpg", photo));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(MediaPipelineIT.stepStatus(job, "analyze-image")).isEqualTo("SUCCEEDED");
        JsonNode insights = getJson(token, "/v1/assets/" + job.path("assetId").asText()).path("insights");
        assertThat(insights.path("description").asText())
                .contains("1200 × 800").contains("landscape").contains("blue")
                .contains(TestImages.MAKE + " " + TestImages.MODEL);
        assertThat(texts(insights.path("tags"))).isNotEmpty().contains("blue", "photo");
        assertThat(insights.path("nsfw").isNull()).isTrue();
        assertThat(insights.path("unavailable").path("nsfw").asText()).isEqualTo("the offline provider cannot judge image content");
        assertThat(insights.path("sources").path("description").path("provider").asText()).isEqualTo("offline");
        assertThat(insights.path("sources").path("tags").path("model").asText()).isEqualTo("image-facts-v1");
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

    static byte[] blueWithWhiteBand(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 80, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillRect(0, height * 3 / 4, width, height / 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
