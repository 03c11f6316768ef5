package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.media.ToolProcesses;
import io.aegis.testmedia.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Ops add a step in YAML while the pipeline runs: a step file and the plan naming it go live in one reload and the next
 * job has the step's output; out of the plan, it stops; a step file breaking the rules is refused and the old routes
 * keep serving. A YAML step gets the envelope of a built-in one: a tool killed under it is retried, then dead-lettered,
 * and redrive resumes it; cancelling the job kills its tool; its own timeout ends it PROCESSING_TIMEOUT. Edits go to
 * the test copy of routes/ (aegis.routes.dir); every test puts the files back.
 */
class DeclaredStepsIT extends RouteFilesTestSupport {

    private static final String IMAGE_PLAN = "\"{{aegis.plans.image:thumbnails,smart-crop,ocr,analyze-image,embed}}\"";
    private static final String TEXT_PLAN = "\"{{aegis.plans.text:summarize,embed}}\"";
    private static final String MARK = "steps/ops-mark.yaml";

    @Autowired
    ToolProcesses tools;

    private String dispatch;

    @BeforeEach
    void rememberTheDispatchFile() throws IOException {
        dispatch = Files.readString(dir().resolve(DISPATCH));
    }

    @AfterEach
    void putTheRouteFilesBack() throws IOException {
        Files.writeString(dir().resolve(DISPATCH), dispatch);
        reloadNow();
        try (Stream<Path> files = Files.list(dir().resolve("steps"))) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().startsWith("ops-")) {
                    Files.delete(file);
                }
            }
        }
        reloadNow();
        assertThat(getJson(admin, "/v1/admin/routes").path("files").findValuesAsText("file"))
                .noneMatch(name -> name.contains("ops-"));
    }

    @Test
    void aStepAddedLiveAndPlannedInTheSameReloadRunsOnTheNextImageAndStopsOnceOutOfThePlan() throws Exception {
        String token = localToken();
        write(MARK, markStep("mark.png"));
        Files.writeString(dir().resolve(DISPATCH), dispatch.replace(IMAGE_PLAN, "\"thumbnails,ops-mark\""));

        JsonNode reload = reloadNow();
        assertThat(attempt(reload, MARK).path("result").asText()).isEqualTo("SUCCESS");
        assertThat(attempt(reload, DISPATCH).path("result").asText()).isEqualTo("SUCCESS");

        JsonNode job = awaitTerminal(token, uploadAccepted(token, "marked.jpg", TestImages.jpeg(640, 480)));
        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(UploadPipelineIT.stepNames(job)).containsExactly("validate", "metadata", "thumbnails", "ops-mark");
        JsonNode mark = renditions(assetOf(token, job), "mark").get(0);
        assertThat(mark.path("format").asText()).isEqualTo("png");
        assertThat(mark.path("width").asInt()).isEqualTo(64);
        assertThat(mark.path("height").asInt()).isEqualTo(48);
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(download(mark.path("url").asText())));
        assertThat(picture.getWidth()).isEqualTo(64);

        // While a plan names it, the step file cannot go.
        String content = Files.readString(dir().resolve(MARK));
        Files.delete(dir().resolve(MARK));
        assertThat(attempt(reloadNow(), MARK).path("error").asText()).contains("still plans step ops-mark");
        assertThat(camel.getRoute("step.ops-mark")).isNotNull();
        write(MARK, content);

        Files.writeString(dir().resolve(DISPATCH), dispatch);
        assertThat(attempt(reloadNow(), DISPATCH).path("result").asText()).isEqualTo("SUCCESS");
        JsonNode after = awaitTerminal(token, uploadAccepted(token, "unmarked.jpg", TestImages.jpeg(640, 480)));
        assertThat(after.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(UploadPipelineIT.stepNames(after)).doesNotContain("ops-mark");
        assertThat(renditions(assetOf(token, after), "mark")).isEmpty();

        Files.delete(dir().resolve(MARK));
        assertThat(attempt(reloadNow(), MARK).path("result").asText()).isEqualTo("REMOVED");
        assertThat(camel.getRoute("step.ops-mark")).isNull();
    }

    @Test
    void aStepFileBreakingTheRulesIsRefusedAndTheOldRoutesKeepServing() throws Exception {
        String token = localToken();
        write(MARK, markStep("mark.png"));
        Files.writeString(dir().resolve(DISPATCH), dispatch.replace(IMAGE_PLAN, "\"ops-mark\""));
        reloadNow();
        String good = loadedSha(MARK);
        String declared = markStep("mark.png");

        record Broken(String what, String content, String error) {
        }
        List<Broken> broken = List.of(
                new Broken("a component outside the allow-list", declared.replace("        - to: direct:record-rendition",
                        "        - to: file:/tmp/out\n        - to: direct:record-rendition"), "uses the file component"),
                new Broken("a tool outside the allow-list", declared.replace("exec:ffmpeg", "exec:sh"), "runs sh, which is not one of the tools"),
                new Broken("a missing schema", declared.replace("    renditions:\n", "    insights:\n"
                        + "      - name: opsNotes\n        schema: ops-missing.schema.json\n    renditions:\n"),
                        "schema ops-missing.schema.json of insight opsNotes does not exist"),
                new Broken("an undeclared output", markStep("other.png").replace("files: other.png", "files: mark.png"),
                        "records rendition 'other.png', which step ops-mark does not declare"));
        for (Broken edit : broken) {
            write(MARK, edit.content());
            JsonNode attempt = attempt(reloadNow(), MARK);
            assertThat(attempt.path("result").asText()).as(edit.what()).isEqualTo("REJECTED");
            assertThat(attempt.path("error").asText()).as(edit.what()).contains(edit.error());
            assertThat(loadedSha(MARK)).as(edit.what() + ": still the old content").isEqualTo(good);
        }

        JsonNode job = awaitTerminal(token, uploadAccepted(token, "still-marked.jpg", TestImages.jpeg(320, 240)));
        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(renditions(assetOf(token, job), "mark")).hasSize(1);
    }

    @Test
    void aToolKilledUnderAYamlStepIsRetriedThenDeadLetteredAndRedriveResumesTheStep() throws Exception {
        planTextAs("ops-wait", waitStep("ops-wait", "1m", 2));
        String jobId = uploadAccepted(admin, "killed.txt", "a text".getBytes(StandardCharsets.UTF_8));

        // As the OOM killer would: every run of the tool is killed by a signal, a transient failure.
        AtomicInteger kills = new AtomicInteger();
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        killer.scheduleWithFixedDelay(() -> tools.of(jobId).forEach(tool -> {
            if (tool.destroyForcibly()) {
                kills.incrementAndGet();
            }
        }), 0, 20, TimeUnit.MILLISECONDS);
        JsonNode failed;
        try {
            failed = awaitTerminal(admin, jobId);
        } finally {
            killer.shutdownNow();
        }
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").path("code").asText()).isEqualTo("INTERNAL");
        assertThat(failed.path("error").path("message").asText()).endsWith("message kept in aegis-media-dlq");
        assertThat(step(failed, "ops-wait").path("status").asText()).isEqualTo("FAILED");
        assertThat(kills.get()).as("the first run and its redeliveries (aegis.retry.max-redeliveries: 2)").isGreaterThanOrEqualTo(3);
        JsonNode deadLetter = deadLetterOf(jobId);
        assertThat(deadLetter.path("step").asText()).isEqualTo("ops-wait");
        assertThat(deadLetter.path("error").path("message").asText()).contains("stopped by a signal");

        JsonNode redriven = read(post(admin, "/v1/admin/dlq/aegis-media/redrive").getBody());
        assertThat(redriven.path("redriven").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode resumed = awaitTerminal(admin, jobId);
        assertThat(resumed.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(step(resumed, "validate").path("attempts").asInt()).isEqualTo(1);
        assertThat(renditions(assetOf(admin, resumed), "wait")).hasSize(1);
    }

    @Test
    void cancellingAJobKillsTheToolOfItsYamlStep() throws Exception {
        planTextAs("ops-long", waitStep("ops-long", "1m", 30));
        String token = localToken();
        String jobId = uploadAccepted(token, "long.txt", "a text".getBytes(StandardCharsets.UTF_8));
        await().atMost(PIPELINE_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> !tools.of(jobId).isEmpty());

        ResponseEntity<String> cancel = http.exchange("/v1/jobs/" + jobId, HttpMethod.DELETE, new HttpEntity<>(bearer(token)), String.class);

        assertThat(cancel.getStatusCode().value()).as(cancel.getBody()).isEqualTo(200);
        assertThat(read(cancel.getBody()).path("status").asText()).isEqualTo("CANCELLED");
        // Its thirty seconds of work end at the next lease renewal (aegis.steps.lease-renewal: 1s), not on their own.
        await().atMost(Duration.ofSeconds(10)).until(() -> tools.of(jobId).isEmpty());
        assertThat(getJson(token, "/v1/jobs/" + jobId).path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aYamlStepPastItsOwnTimeoutEndsProcessingTimeout() throws Exception {
        planTextAs("ops-slow", waitStep("ops-slow", "2s", 30));
        String token = localToken();
        String jobId = uploadAccepted(token, "slow.txt", "a text".getBytes(StandardCharsets.UTF_8));

        JsonNode failed = awaitTerminal(token, jobId);

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").path("code").asText()).isEqualTo("PROCESSING_TIMEOUT");
        assertThat(step(failed, "ops-slow").path("error").path("code").asText()).isEqualTo("PROCESSING_TIMEOUT");
        await().atMost(Duration.ofSeconds(10)).until(() -> tools.of(jobId).isEmpty());
    }

    @Test
    void extractFieldsOfflineRecordsNullWithTheReason() throws Exception {
        planTextAs("extract-fields", null);
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "invoice.txt",
                "Invoice 1042, 2024-03-01. Total due: 118.50 EUR".getBytes(StandardCharsets.UTF_8)));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode insights = assetOf(token, job).path("insights");
        assertThat(insights.path("declared").has("fields")).isFalse();
        assertThat(insights.path("unavailable").path("fields").asText()).contains("offline");
    }

    static String markStep(String output) {
        return """
                - step:
                    name: ops-mark
                    queue: media
                    timeout: 1m
                    renditions:
                      - files: mark.png
                        kind: mark
                - route:
                    id: step.ops-mark
                    from:
                      uri: direct:step-ops-mark
                      steps:
                        - setHeader:
                            name: CamelExecCommandArgs
                            constant: "-nostdin -v error -f lavfi -i color=c=red:s=64x48 -frames:v 1 -y %s"
                        - to: exec:ffmpeg?commandExecutor=#toolExecutor
                        - setHeader:
                            name: aegis.rendition
                            constant: %s
                        - to: direct:record-rendition
                """.formatted(output, output);
    }

    /** A step whose tool works for {@code seconds} of real time (-re), then leaves a picture. */
    static String waitStep(String name, String timeout, int seconds) {
        return """
                - step:
                    name: %s
                    queue: media
                    timeout: %s
                    renditions:
                      - files: wait.png
                        kind: wait
                - route:
                    id: step.%s
                    from:
                      uri: direct:step-%s
                      steps:
                        - setHeader:
                            name: CamelExecCommandArgs
                            constant: "-nostdin -v error -re -f lavfi -i color=c=blue:s=32x32:r=10 -t %d -update 1 -y wait.png"
                        - to: exec:ffmpeg?commandExecutor=#toolExecutor
                        - setHeader:
                            name: aegis.rendition
                            constant: wait.png
                        - to: direct:record-rendition
                """.formatted(name, timeout, name, name, seconds);
    }

    private JsonNode deadLetterOf(String jobId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PIPELINE_TIMEOUT).until(() -> {
            for (JsonNode queue : getJson(admin, "/v1/admin/dlq").path("queues")) {
                for (JsonNode message : queue.path("messages")) {
                    if (jobId.equals(message.path("jobId").asText())) {
                        found[0] = message;
                    }
                }
            }
            return found[0] != null;
        });
        return found[0];
    }

    /** Makes {@code step} the whole text plan, writing its step file first unless it is built in (null), and reloads. */
    private void planTextAs(String step, String stepFile) throws IOException {
        if (stepFile != null) {
            write("steps/" + step + ".yaml", stepFile);
        }
        Files.writeString(dir().resolve(DISPATCH), dispatch.replace(TEXT_PLAN, "\"" + step + "\""));
        reloadNow();
    }

    private void write(String name, String content) throws IOException {
        Files.createDirectories(dir().resolve(name).getParent());
        Files.writeString(dir().resolve(name), content);
    }
}
