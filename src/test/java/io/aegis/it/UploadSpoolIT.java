package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aegis.platform.UploadProperties;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Uploads cannot fill the disk: whatever a multipart request carries and however it is answered, the upload spool
 * and the servlet temp dir are left as they were. Only POST /v1/upload takes multipart, with exactly one part.
 */
class UploadSpoolIT extends PipelineTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    UploadProperties upload;

    @Autowired
    ServletContext servlet;

    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aTwoPartUploadIs400AndTwentyOfThemLeaveTheSpoolAndTempDirAsTheyWere() throws Exception {
        String token = localToken();
        // Big parts (most of the 1 MB test limit each), so a leak would show as megabytes.
        byte[] part = new byte[400 * 1024];
        Arrays.fill(part, (byte) 'x');
        Map<String, Long> before = contents();

        HttpResponse<String> first = send(token, "/v1/upload", multipart(Map.of("file", part, "second", part)));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(400);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        for (int i = 0; i < 19; i++) {
            assertThat(send(token, "/v1/upload", multipart(Map.of("file", part, "second", part))).statusCode()).isEqualTo(400);
        }

        assertLeftAsItWas(before);
    }

    @Test
    void aSinglePartThatIsNotTheFileFieldIs400AndLeavesNothing() throws Exception {
        Map<String, Long> before = contents();
        HttpResponse<String> response = send(localToken(), "/v1/upload",
                multipart(Map.of("notes", "not the file field".getBytes(StandardCharsets.UTF_8))));
        assertThat(response.statusCode()).isEqualTo(400);
        assertLeftAsItWas(before);
    }

    @Test
    void onlyTheUploadCallTakesMultipart() throws Exception {
        Map<String, Long> before = contents();
        HttpResponse<String> presign = send(localToken(), "/v1/uploads",
                multipart(Map.of("file", "{\"filename\":\"a.txt\",\"sizeBytes\":1}".getBytes(StandardCharsets.UTF_8))));
        assertThat(presign.statusCode()).as(presign.body()).isEqualTo(415);
        assertLeftAsItWas(before);
    }

    private HttpResponse<String> send(String token, String path, Multipart body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build(), HttpResponse.BodyHandlers.ofString());
    }

    record Multipart(String boundary, byte[] bytes) {
    }

    static Multipart multipart(Map<String, byte[]> parts) throws IOException {
        String boundary = "spool-test-boundary";
        var out = new ByteArrayOutputStream();
        for (var part : new TreeMap<>(parts).entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                    + "\"; filename=\"" + part.getKey() + ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(part.getValue());
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart(boundary, out.toByteArray());
    }

    // The files go when the request ends, which is just after its answer was sent.
    private void assertLeftAsItWas(Map<String, Long> before) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(contents()).as("files under the spool and servlet temp dirs").isEqualTo(before));
    }

    /** Every file under the upload spool and the servlet temp dir, with its size. */
    private Map<String, Long> contents() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        for (Path root : new Path[] {upload.spoolDir().toAbsolutePath(),
                ((File) servlet.getAttribute(ServletContext.TEMPDIR)).toPath()}) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(file -> files.put(file.toString(), file.toFile().length()));
            }
        }
        return files;
    }
}
