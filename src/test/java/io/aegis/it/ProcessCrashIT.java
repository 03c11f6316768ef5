package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import io.aegis.state.StepState;
import io.aegis.state.StepStatus;
import io.aegis.testmedia.TestAudio;
import io.aegis.testmedia.TestPdfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The packaged app as a child process, killed (SIGKILL) and stopped (SIGTERM) while steps run. S3, SQS and
 * DynamoDB live in this test JVM, so the queues keep their in-flight messages when the child dies. Job state
 * and outputs are read straight from DynamoDB and S3 at the moment of death and after recovery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessCrashIT {

    // Two short sentences: two 4 s chunks for pocketsphinx, a few seconds of work per job.
    static final String SPEECH = "the quick brown fox jumps over the lazy dog near the river bank. "
            + "my sister sells fresh fish at the harbour market every morning.";
    static final Set<String> WORKER_STEPS = Set.of("extract-audio", "transcribe", "extract-text", "summarize", "embed");

    ChildAwsServers aws;
    Map<String, String> properties;
    AppProcess app;

    @TempDir
    Path tmp;

    @BeforeAll
    void startServers() {
        aws = ChildAwsServers.start();
        properties = new HashMap<>(AppProcess.externalAws(aws, aws.childDir("app")));
        // A message whose worker died comes back after 8 s, and the dead worker's job lease ends soon after.
        properties.put("aegis.queues.visibility-timeout-seconds", "8");
        properties.put("aegis.steps.lease", "6s");
    }

    @AfterAll
    void stopAll() {
        if (app != null) {
            app.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    @Order(1)
    void killMinusNineMidJobLosesNothingAndRedoesOnlyTheInterruptedSteps() throws Exception {
        app = startApp();
        String token = app.token();
        byte[] speech = Files.readAllBytes(TestAudio.speechWav(SPEECH, tmp));
        Map<String, String> kindOf = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) {
                kindOf.put(app.upload(token, "talk-" + i + ".wav", speech), "audio");
            }
            kindOf.put(app.upload(token, "report-" + i + ".pdf",
                    TestPdfs.pages("Report " + i, "Revenue grew in the north.", "Costs fell in the south.")), "pdf");
        }
        for (int i = 0; i < 5; i++) {
            kindOf.put(app.upload(token, "memo-" + i + ".pdf", TestPdfs.pages("Memo " + i, "Short memo.")), "memo");
        }

        // Kill while a worker step runs, ideally also while a job is still in validate/metadata (orchestrator).
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Job> jobs = kindOf.keySet().stream().map(aws::job).toList();
            boolean workerRunning = jobs.stream().anyMatch(j -> running(j).stream().anyMatch(WORKER_STEPS::contains));
            boolean orchestrating = jobs.stream().anyMatch(j -> running(j).stream().anyMatch(s -> !WORKER_STEPS.contains(s)));
            return workerRunning && (orchestrating || System.nanoTime() > deadline);
        });
        assertThat(app.kill()).as("exit code of a SIGKILLed process").isEqualTo(137);

        // The state as the dead process left it: nothing can change it until the restart.
        Map<String, Job> atDeath = new LinkedHashMap<>();
        kindOf.keySet().forEach(id -> atDeath.put(id, aws.job(id)));
        Map<String, S3Object> objectsAtDeath = aws.processedObjects("");
        long interrupted = atDeath.values().stream().mapToLong(j -> running(j).size()).sum();
        assertThat(interrupted).as("steps RUNNING when the process died").isPositive();

        System.out.printf("killed with %d steps RUNNING: %s%n", interrupted, atDeath.values().stream()
                .filter(j -> !running(j).isEmpty()).map(j -> j.jobId() + "=" + running(j)).toList());

        app = startApp();
        try {
            // Generous: the machine may be shared; this bounds a hang, it does not measure speed.
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500)).until(() ->
                    kindOf.keySet().stream().allMatch(id -> aws.job(id).status().isTerminal()));
        } catch (org.awaitility.core.ConditionTimeoutException stuck) {
            throw new AssertionError("jobs not terminal after recovery: " + kindOf.keySet().stream().map(aws::job)
                    .filter(j -> !j.status().isTerminal()).map(j -> j.jobId() + " " + j.status() + " lease "
                            + j.leaseUntil() + " " + j.steps()).toList(), stuck);
        }

        Map<String, Set<String>> outputNamesByKind = new HashMap<>();
        for (var entry : kindOf.entrySet()) {
            Job before = atDeath.get(entry.getKey());
            Job after = aws.job(entry.getKey());
            assertThat(after.status()).as("job %s (%s) after recovery: %s", after.jobId(), entry.getValue(), after.steps())
                    .isEqualTo(JobStatus.SUCCEEDED);
            for (StepState step : after.steps()) {
                StepState then = before.step(step.name()).orElse(null);
                String what = "job " + after.jobId() + " step " + step.name() + " (at death: " + then + ")";
                if (then != null && then.status().isFinished()) {
                    // Finished before the crash: not run again, recorded once.
                    assertThat(step).as(what).isEqualTo(then);
                } else {
                    // Interrupted or not yet started: exactly one more run after the restart.
                    int attemptsThen = then == null ? 0 : then.attempts();
                    assertThat(step.attempts()).as(what).isEqualTo(attemptsThen + 1);
                }
            }
            String prefix = after.tenant() + "/" + after.assetId() + "/";
            boolean hadRunningStep = !running(before).isEmpty();
            Map<String, S3Object> objectsAfter = aws.processedObjects(prefix);
            objectsAtDeath.forEach((key, then) -> {
                if (key.startsWith(prefix)) {
                    assertThat(objectsAfter).as("%s was there at death", key).containsKey(key);
                    if (!hadRunningStep) {
                        // Written by a step that had finished: never written again.
                        assertThat(objectsAfter.get(key).eTag()).as(key).isEqualTo(then.eTag());
                        assertThat(objectsAfter.get(key).lastModified()).as(key).isEqualTo(then.lastModified());
                    }
                }
            });
            // Deterministic keys: a re-run step overwrote its own outputs instead of adding new ones.
            Set<String> names = objectsAfter.keySet().stream().map(k -> k.substring(prefix.length()))
                    .collect(Collectors.toSet());
            Set<String> first = outputNamesByKind.putIfAbsent(entry.getValue(), names);
            if (first != null) {
                assertThat(names).as("outputs of %s job %s", entry.getValue(), after.jobId()).isEqualTo(first);
            }
        }
    }

    @Test
    @Order(2)
    void sigtermLetsTheRunningStepFinishAndLeavesTheRestQueued() throws Exception {
        if (app == null || !app.alive()) {
            app = startApp();
        }
        String token = app.token();
        // Long enough speech that transcription is still running when SIGTERM arrives.
        String longSpeech = String.join(". ", SPEECH, SPEECH, SPEECH, SPEECH);
        String jobId = app.upload(token, "long-talk.wav", Files.readAllBytes(TestAudio.speechWav(longSpeech, tmp)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> running(aws.job(jobId)).contains("transcribe"));

        int exit = app.terminate(Duration.ofSeconds(150));

        Job job = aws.job(jobId);
        assertThat(exit).as("exit code after SIGTERM (see %s)", app.log()).isEqualTo(143);
        assertThat(job.step("transcribe").orElseThrow().status()).as("%s", job.steps()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(running(job)).as("no step left half-done: %s", job.steps()).isEmpty();
        String prefix = job.tenant() + "/" + job.assetId() + "/";
        assertThat(aws.processedObjects(prefix)).containsKey(prefix + "transcript.json");
        List<String> pending = new ArrayList<>(job.steps().stream()
                .filter(s -> s.status() == StepStatus.PENDING).map(StepState::name).toList());
        if (job.status() != JobStatus.SUCCEEDED) {
            // What the process did not start is still on its queue for the next worker.
            assertThat(pending).as("%s", job.steps()).isNotEmpty();
            assertThat(aws.queuedMessages("aegis-ai") + aws.queuedMessages("aegis-media")).isPositive();
        }
        app = null;
    }

    private AppProcess startApp() {
        return AppProcess.start("crash", properties, List.of("-Xmx384m"));
    }

    private static List<String> running(Job job) {
        return job.steps().stream().filter(s -> s.status() == StepStatus.RUNNING).map(StepState::name).toList();
    }
}
