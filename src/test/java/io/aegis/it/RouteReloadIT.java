package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestImages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ops edit the YAML routes while the pipeline runs: a good edit applies to the next job without a restart, a
 * broken one is refused and the old route keeps serving, a deleted file takes its routes with it. Edits go to
 * the test copy of routes/ (aegis.routes.dir in application-test.yaml); every test puts the files back.
 */
class RouteReloadIT extends RouteFilesTestSupport {

    private static final String SIZES = "thumbnail-sizes.yaml";
    // Loaded at start-up like the others; a route configuration, so it has no route ids and is never swapped live.
    private static final String POLICY = "error-policy.yaml";
    private static final String PROBE = "reload-probe.yaml";

    @Autowired
    ProducerTemplate producer;

    @Autowired
    MeterRegistry meters;

    private final Map<String, byte[]> originals = new HashMap<>();

    @BeforeEach
    void rememberTheRouteFiles() throws IOException {
        for (String name : List.of(DISPATCH, POLICY, SIZES)) {
            originals.put(name, Files.readAllBytes(dir().resolve(name)));
        }
    }

    @AfterEach
    void putTheRouteFilesBack() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.toList()) {
                // The steps folder (routes/steps/) is DeclaredStepsIT's to edit.
                if (!Files.isDirectory(file) && !originals.containsKey(file.getFileName().toString())) {
                    Files.delete(file);
                }
            }
        }
        for (var original : originals.entrySet()) {
            Files.write(dir().resolve(original.getKey()), original.getValue());
        }
        reloadNow();
        JsonNode files = getJson(admin, "/v1/admin/routes").path("files");
        assertThat(files.findValuesAsText("file")).filteredOn(name -> !name.startsWith("steps/"))
                .containsExactly(DISPATCH, POLICY, SIZES);
        assertThat(camel.getRoute("ops.reload-probe")).isNull();
    }

    @Test
    void anEditAppliesToTheNextJobWhileJobsInFlightFinish() throws Exception {
        String token = localToken();
        String inFlightImage = uploadAccepted(token, "before-edit.jpg", TestImages.jpeg(800, 600));
        String inFlightText = uploadAccepted(token, "before-edit.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));

        edit(SIZES, text(SIZES).replace("\"{{aegis.thumbnails.sizes:256,1024}}\"", "\"128,512\""));
        edit(DISPATCH, text(DISPATCH).replace("""
                              - simple: "${header[aegis.mediaType]} == 'text'"
                """, """
                              - simple: "${header[aegis.mimeType]} == 'text/plain'"
                                steps:
                                  - setHeader:
                                      name: aegis.plan
                                      constant: summarize
                              - simple: "${header[aegis.mediaType]} == 'text'"
                """));
        // No POST: the watcher applies both once they settled.
        await().atMost(PIPELINE_TIMEOUT).until(() -> loadedSha(DISPATCH).equals(sha(DISPATCH)) && loadedSha(SIZES).equals(sha(SIZES)));

        assertThat(awaitTerminal(token, inFlightImage).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(awaitTerminal(token, inFlightText).path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode image = awaitTerminal(token, uploadAccepted(token, "after-edit.jpg", TestImages.jpeg(800, 600)));
        JsonNode text = awaitTerminal(token, uploadAccepted(token, "after-edit.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8)));
        assertThat(image.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(renditions(getJson(token, "/v1/assets/" + image.path("assetId").asText()), "thumbnail"))
                .extracting(t -> Math.max(t.path("width").asInt(), t.path("height").asInt()))
                .containsExactlyInAnyOrder(128, 512);
        assertThat(text.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(UploadPipelineIT.stepNames(text)).containsExactly("validate", "metadata", "summarize");
        JsonNode lastReload = getJson(admin, "/v1/admin/routes").path("lastReload");
        assertThat(lastReload.path("result").asText()).isEqualTo("SUCCESS");
        assertThat(lastReload.path("error").isNull()).isTrue();
        assertThat(Instant.parse(lastReload.path("at").asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void aBrokenEditIsRefusedVisiblyAndTheOldRouteKeepsServing() throws Exception {
        String good = loadedSha(SIZES);
        String original = text(SIZES);
        var broken = List.of(
                new BrokenEdit("invalid YAML", original.replace("steps:", "steps: [unclosed"), "not valid YAML"),
                new BrokenEdit("missing direct: endpoint", original + "        - to: direct:no-such-endpoint\n",
                        "sends to direct:no-such-endpoint, which no route consumes"),
                new BrokenEdit("unresolvable placeholder", original.replace("{{aegis.thumbnails.sizes:256,1024}}",
                        "{{aegis.thumbnails.no-such-property}}"), "placeholder {{aegis.thumbnails.no-such-property}} does not resolve"),
                // Route files are configuration, not code (RouteFilePolicy).
                new BrokenEdit("a component outside the allow-list", original + "        - to: file:/tmp/aegis-exfiltrate\n",
                        "uses the file component, which route files may not use"),
                new BrokenEdit("exec outside the tool runner", original + "        - to: exec:sh?args=-c%20id\n",
                        "runs sh without the tool runner"),
                new BrokenEdit("a #class: reference to a JDK class", original
                        + "        - process:\n            ref: \"#class:java.lang.ProcessBuilder\"\n",
                        "names class java.lang.ProcessBuilder"),
                new BrokenEdit("a language that runs code", original
                        + "        - setHeader:\n            name: x\n            groovy: \"1 + 1\"\n", "uses the groovy language"),
                // Passes validation, fails when Camel builds the route: the swap is rolled back.
                new BrokenEdit("route that cannot start", original + "        - filter:\n            simple: \"${header.x} ==\"\n"
                        + "            steps:\n              - log: never\n", "the previous ones were restored"));

        for (BrokenEdit edit : broken) {
            double rejectedBefore = reloads("rejected");
            edit(SIZES, edit.content());
            // The watcher tries it once; the refusal is visible to operators.
            JsonNode report = await().atMost(PIPELINE_TIMEOUT).until(() -> getJson(admin, "/v1/admin/routes"),
                    r -> r.path("lastReload").path("error").asText().contains(edit.error()));
            assertThat(report.path("lastReload").path("file").asText()).as(edit.what()).isEqualTo(SIZES);
            assertThat(report.path("lastReload").path("result").asText()).as(edit.what()).isEqualTo("REJECTED");
            assertThat(loadedSha(SIZES)).as(edit.what() + ": still the old content").isEqualTo(good);
            assertThat(camel.getRoute("media.thumbnail-sizes")).as(edit.what()).isNotNull();
            assertThat(reloads("rejected")).as(edit.what()).isEqualTo(rejectedBefore + 1);
        }
        // The same refused content is not retried (nor counted) at every poll, only when it changes again.
        double rejected = reloads("rejected");
        await().during(routeFiles.pollInterval().multipliedBy(5)).atMost(routeFiles.pollInterval().multipliedBy(10))
                .untilAsserted(() -> assertThat(reloads("rejected")).isEqualTo(rejected));

        String token = localToken();
        JsonNode image = awaitTerminal(token, uploadAccepted(token, "old-route.jpg", TestImages.jpeg(1600, 1200)));
        assertThat(image.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(renditions(getJson(token, "/v1/assets/" + image.path("assetId").asText()), "thumbnail"))
                .extracting(t -> Math.max(t.path("width").asInt(), t.path("height").asInt()))
                .containsExactlyInAnyOrder(256, 1024);
    }

    @Test
    void aSymlinkedRouteFileIsRefusedAndTheOldRoutesKeepServing() throws Exception {
        String good = loadedSha(SIZES);
        Path outside = Files.createDirectories(Path.of("target", "outside-routes").toAbsolutePath());
        Path probeTarget = Files.writeString(outside.resolve(PROBE), probe("linked", 0));
        Path sizesTarget = Files.writeString(outside.resolve(SIZES), text(SIZES).replace("256,1024", "64,128"));
        Files.createSymbolicLink(dir().resolve(PROBE), probeTarget);
        Files.delete(dir().resolve(SIZES));
        Files.createSymbolicLink(dir().resolve(SIZES), sizesTarget);
        try {
            JsonNode reload = reloadNow();

            for (String linked : List.of(PROBE, SIZES)) {
                assertThat(attempt(reload, linked).path("result").asText()).as(linked).isEqualTo("REJECTED");
                assertThat(attempt(reload, linked).path("error").asText()).as(linked).contains("symbolic link");
            }
            assertThat(camel.getRoute("ops.reload-probe")).as("a linked new file adds nothing").isNull();
            assertThat(loadedSha(SIZES)).as("a file swapped for a link keeps its routes").isEqualTo(good);
            assertThat(producer.send("direct:thumbnail-sizes", exchange -> { })
                    .getMessage().getHeader("aegis.thumbnailSizes", String.class)).isEqualTo("256,1024");
        } finally {
            // The link goes before the original is written back (writing through it would change the target).
            Files.deleteIfExists(dir().resolve(SIZES));
        }
    }

    @Test
    void aNewFileAddsItsRoutesAReplacedRouteFinishesItsExchangesAndDeletingTheFileRemovesThem() throws Exception {
        double removedBefore = reloads("removed");
        Files.writeString(dir().resolve(PROBE), probe("first", 1500));
        await().atMost(PIPELINE_TIMEOUT).until(() -> camel.getRoute("ops.reload-probe") != null);
        JsonNode listed = file(getJson(admin, "/v1/admin/routes"), PROBE);
        assertThat(listed.path("routeIds").get(0).asText()).isEqualTo("ops.reload-probe");
        assertThat(listed.path("sha256").asText()).isEqualTo(sha(PROBE));
        assertThat(Instant.parse(listed.path("loadedAt").asText())).isBeforeOrEqualTo(Instant.now());

        CompletableFuture<Object> inFlight = producer.asyncRequestBody("direct:reload-probe", "go");
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getInflightRepository().size("ops.reload-probe") > 0);
        Files.writeString(dir().resolve(PROBE), probe("second", 0));
        JsonNode reload = reloadNow();

        assertThat(attempt(reload, PROBE).path("result").asText()).isEqualTo("SUCCESS");
        assertThat(inFlight).as("the swap waited for the exchange in flight (1.5 s delay) before replacing its route")
                .isDone();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).as("the exchange in flight during the swap finished on the old route")
                .isEqualTo("first");
        assertThat(producer.requestBody("direct:reload-probe", "go")).isEqualTo("second");

        Files.delete(dir().resolve(PROBE));
        await().atMost(PIPELINE_TIMEOUT).until(() -> camel.getRoute("ops.reload-probe") == null);
        JsonNode report = getJson(admin, "/v1/admin/routes");
        assertThat(report.path("files").findValuesAsText("file")).doesNotContain(PROBE);
        assertThat(report.path("lastReload").path("file").asText()).isEqualTo(PROBE);
        assertThat(report.path("lastReload").path("result").asText()).isEqualTo("REMOVED");
        assertThat(reloads("removed")).isEqualTo(removedBefore + 1);
    }

    @Test
    void editorTempFilesAreIgnored() throws Exception {
        double attemptsBefore = reloads("success") + reloads("rejected") + reloads("removed");
        String probe = probe("temp", 0);
        for (String temp : List.of(".reload-probe.yaml.swp", "reload-probe.yaml~", "#reload-probe.yaml#",
                "reload-probe.yaml.tmp", ".reload-probe.yaml", "4913")) {
            Files.writeString(dir().resolve(temp), probe);
        }
        Files.writeString(dir().resolve(".thumbnail-sizes.yaml.swp"), "- route: [half a swap file");

        JsonNode reload = reloadNow();

        assertThat(reload.path("attempts")).isEmpty();
        // Nor does the watcher pick any of them up, for two rounds of polling and debouncing.
        Duration rounds = routeFiles.pollInterval().plus(routeFiles.debounce()).multipliedBy(2);
        await().during(rounds).atMost(rounds.multipliedBy(2)).untilAsserted(() -> {
            assertThat(camel.getRoute("ops.reload-probe")).isNull();
            assertThat(reloads("success") + reloads("rejected") + reloads("removed")).isEqualTo(attemptsBefore);
        });
        assertThat(getJson(admin, "/v1/admin/routes").path("files").findValuesAsText("file"))
                .filteredOn(name -> !name.startsWith("steps/")).containsExactly(DISPATCH, POLICY, SIZES);
        assertThat(reloads("success") + reloads("rejected") + reloads("removed")).isEqualTo(attemptsBefore);
    }

    @Test
    void theRouteAdminApiNeedsTheAdminScope() {
        assertThat(get(null, "/v1/admin/routes").getStatusCode().value()).isEqualTo(401);
        assertThat(get(localToken(), "/v1/admin/routes").getStatusCode().value()).isEqualTo(403);
        assertThat(post(localToken(), "/v1/admin/routes/reload").getStatusCode().value()).isEqualTo(403);
    }

    private record BrokenEdit(String what, String content, String error) {
    }

    private static String probe(String answer, int delayMs) {
        return """
                - route:
                    id: ops.reload-probe
                    from:
                      uri: direct:reload-probe
                      steps:
                """ + (delayMs > 0 ? "        - delay:\n            constant: " + delayMs + "\n" : "") + """
                        - setBody:
                            constant: %s
                """.formatted(answer);
    }

    private String text(String name) throws IOException {
        return new String(originals.get(name), StandardCharsets.UTF_8);
    }

    private void edit(String name, String content) throws IOException {
        assertThat(content).isNotEqualTo(Files.readString(dir().resolve(name)));
        Files.writeString(dir().resolve(name), content);
    }

    private String sha(String name) throws Exception {
        var digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir().resolve(name)));
        return java.util.HexFormat.of().formatHex(digest);
    }

    // Through the MeterRegistry: the test context has no Prometheus endpoint (Spring Boot turns export off in tests).
    private double reloads(String result) {
        Counter counter = meters.find("aegis.route.reloads").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }
}
