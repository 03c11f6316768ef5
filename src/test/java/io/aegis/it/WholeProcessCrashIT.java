package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aegis.platform.aws.EmbeddedAwsProperties;
import io.aegis.platform.aws.EmbeddedAwsServers;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import io.aegis.state.JobStore;
import io.aegis.state.StepState;
import io.aegis.state.StepStatus;
import io.aegis.testmedia.TestAudio;
import io.aegis.testmedia.TestImages;
import io.aegis.testmedia.TestPdfs;
import io.aegis.testmedia.TestVideos;
import io.aegis.testsupport.JarProcesses;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The `make run` topology crashed: the packaged app with its embedded S3, SQS (persisted) and DynamoDB (dynalite,
 * its child) in ONE process, which dies whole. A batch of {@code PER_KIND} jobs of each of the five media kinds is
 * uploaded and the process is killed with SIGKILL while at least {@code MIN_IN_FLIGHT} of them, of every kind, are
 * in flight; after a restart a second batch is uploaded and the process is stopped with SIGINT (Ctrl-C) while at least
 * as many, of every kind, are in flight again; after one more restart every job must reach SUCCEEDED. The recovery
 * pass is off: what is proven here is that the queues, tables, objects and search index themselves lose nothing. Job
 * state and objects are read from the app's own embedded servers just before each signal (nothing finished may change
 * after). `make test` runs 5 of each kind (three start-ups and fifty small jobs); {@code -Daegis.crash.per-kind=20}
 * runs 20 of each kind in each batch (200 jobs, about ten minutes on two cores).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeProcessCrashIT {

    /** Jobs of each media kind per batch: by default 25 per batch, so 20 are still in flight if a few finish first. */
    static final int PER_KIND = Integer.getInteger("aegis.crash.per-kind", 5);
    /** Jobs (of every kind) that must be unfinished, waiting on a queue or running, when a signal comes. */
    static final int MIN_IN_FLIGHT = PER_KIND * 4;
    static final String SPEECH = "the quick brown fox jumps over the lazy dog near the river bank.";
    static final Set<String> WORKER_STEPS = Set.of("thumbnails", "ocr", "poster", "extract-audio", "transcribe",
            "extract-text", "analyze-image", "summarize", "embed");

    Path dataDir;
    int s3Port;
    int dynamodbPort;
    Map<String, String> properties;
    Map<String, byte[]> samples;
    AppProcess app;
    S3Client s3;
    DynamoDbClient dynamo;
    JobStore jobs;

    @BeforeAll
    void prepare() throws IOException {
        dataDir = Path.of("target", "whole-crash", UUID.randomUUID().toString()).toAbsolutePath();
        s3Port = JarProcesses.freePort();
        dynamodbPort = JarProcesses.freePort();
        properties = new HashMap<>(Map.ofEntries(
                // `make run`: every role and the embedded servers in this one process, data under data-dir.
                Map.entry("aegis.aws.embedded", "true"),
                Map.entry("aegis.embedded.data-dir", dataDir.toString()),
                Map.entry("aegis.embedded.s3-port", Integer.toString(s3Port)),
                Map.entry("aegis.embedded.sqs-port", Integer.toString(JarProcesses.freePort())),
                Map.entry("aegis.embedded.dynamodb-port", Integer.toString(dynamodbPort)),
                Map.entry("aegis.media.work-dir", dataDir.resolve("work").toString()),
                // Shorter than make run's (120 s, 2 min), so what a dead process held comes back within seconds, yet
                // long enough that a machine under heavy load still renews them in time.
                Map.entry("aegis.queues.visibility-timeout-seconds", "20"),
                Map.entry("aegis.queues.wait-time-seconds", "1"),
                Map.entry("aegis.steps.lease", "15s"),
                Map.entry("aegis.steps.lease-renewal", "3s"),
                Map.entry("aegis.retry.initial-delay-ms", "200"),
                // Until the last restart the tenant runs 1 job at a time: the rest of a batch waits on the queues
                // (on the tenant's waiting list, its fallback copy sent again every 2 s) when the signal comes.
                Map.entry("aegis.tenant-jobs.max-running", "1"),
                Map.entry("aegis.tenant-jobs.retry-delay", "2s"),
                Map.entry("aegis.recovery.enabled", "false"),
                Map.entry("aegis.media.transcribe.chunk-seconds", "4"),
                Map.entry("aegis.media.transcribe.search-seconds", "2")));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret"));
        s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials).forcePathStyle(true)
                .endpointOverride(URI.create("http://127.0.0.1:" + s3Port)).build();
        dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create("http://127.0.0.1:" + dynamodbPort)).build();
        jobs = new JobStore(dynamo, new ResourceNames(null, null, new ResourceNames.Tables("aegis-jobs", "byTenant",
                "unfinishedByUpdate", "aegis-assets", "aegis-idempotency", "aegis-uploads", "queuedByTenant", "byExpiry",
                "byTenant", "aegis-limits", "aegis-webhooks", "byTenant", "aegis-webhook-deliveries")),
                event -> { });

        Path tmp = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-samples"));
        samples = new LinkedHashMap<>();
        samples.put("wav", Files.readAllBytes(TestAudio.speechWav(SPEECH, tmp)));
        samples.put("mp4", TestVideos.silentMp4(1.0, tmp));
        samples.put("png", TestImages.textImage("INVOICE 42", 360, 140));
        samples.put("pdf", TestPdfs.pages("Report", "Revenue grew in the north.", "Costs fell in the south."));
        samples.put("txt", ("Invoices are paid by bank transfer within thirty days. Late payments carry a fee. "
                + "The finance team reviews every invoice each month.").getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (s3 != null) {
            s3.close();
            dynamo.close();
        }
    }

    @Test
    void killMinusNineThenCtrlCWithTwentyJobsInFlightCoveringEveryKindLosesNothing() {
        long began = System.nanoTime();
        // 1. Killed with SIGKILL while the first batch runs.
        app = start();
        Map<String, String> first = uploadBatch("a");
        awaitAWorkerStepRunning(first);
        long killedPid = app.pid();
        // A step is marked RUNNING before it makes its scratch directory: wait for the directory too, so the kill
        // leaves one behind for the next start-up to remove.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> !scratchFolderOf(killedPid).isEmpty());
        List<ProcessHandle> dynamodb = embeddedDynamoDb();
        assertThat(dynamodb).as("the embedded DynamoDB runs as a child of the app").isNotEmpty();

        assertThat(app.kill()).as("exit code of a SIGKILLed process").isEqualTo(137);
        phase("started, first batch, SIGKILL", began);
        await().atMost(Duration.ofSeconds(15)).until(() -> dynamodb.stream().noneMatch(ProcessHandle::isAlive));
        Snapshot beforeKill = leftBehind(first, first.keySet());
        assertThat(scratchFolderOf(killedPid)).as("the killed process left its steps' scratch directories").isNotEmpty();

        // 2. Restarted on the same data: a second batch, then Ctrl-C while both run.
        app = start();
        assertThat(scratchFolderOf(killedPid)).as("the killed process's scratch folder, removed at start-up").isEmpty();
        Map<String, String> second = uploadBatch("b");
        Map<String, String> all = new LinkedHashMap<>(first);
        all.putAll(second);
        awaitAWorkerStepRunning(second);
        List<ProcessHandle> dynamodbAgain = embeddedDynamoDb();

        assertThat(app.interrupt(Duration.ofSeconds(180))).as("exit code after SIGINT (see %s)", app.log()).isEqualTo(130);
        phase("restarted, second batch, SIGINT", began);
        await().atMost(Duration.ofSeconds(15)).until(() -> dynamodbAgain.stream().noneMatch(ProcessHandle::isAlive));
        Snapshot beforeInterrupt = leftBehind(second, all.keySet());

        // 3. Restarted once more, now without the tenant limit: everything ends, nothing finished is redone.
        properties.put("aegis.tenant-jobs.max-running", "0");
        app = start();
        try {
            // Generous: the machine may be shared; this bounds a hang, it does not measure speed.
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    all.keySet().stream().allMatch(id -> jobs.find(id).map(j -> j.status().isTerminal()).orElse(false)));
        } catch (org.awaitility.core.ConditionTimeoutException stuck) {
            throw new AssertionError("jobs not terminal after the restarts: " + all.keySet().stream()
                    .map(id -> jobs.find(id).orElseThrow()).filter(j -> !j.status().isTerminal())
                    .map(j -> j.jobId() + " " + j.status() + " " + j.steps()).limit(10).toList(), stuck);
        }
        Snapshot end = snapshot(all.keySet());
        phase("restarted, all " + all.size() + " jobs terminal", began);

        for (var entry : all.entrySet()) {
            Job after = end.jobs().get(entry.getKey());
            assertThat(after.status()).as("%s job %s: %s", entry.getValue(), after.jobId(), after.steps())
                    .isEqualTo(JobStatus.SUCCEEDED);
            // What each signal left behind: what had finished then stays exactly as it was (not run again).
            for (Snapshot before : List.of(beforeKill, beforeInterrupt)) {
                Job then = before.jobs().get(entry.getKey());
                if (then == null) {
                    continue;
                }
                for (StepState step : then.steps()) {
                    StepState now = after.step(step.name()).orElseThrow();
                    if (step.status().isFinished()) {
                        assertThat(now).as("job %s step %s finished before a signal", after.jobId(), step.name()).isEqualTo(step);
                    } else {
                        assertThat(now.attempts()).as("job %s step %s: at most one more run", after.jobId(), step.name())
                                .isLessThanOrEqualTo(step.attempts() + 1);
                    }
                }
                // The outputs of a job with no step running at that moment were final: never written again.
                if (running(then).isEmpty()) {
                    String prefix = then.tenant() + "/" + then.assetId() + "/";
                    before.objects().forEach((key, object) -> {
                        if (key.startsWith(prefix)) {
                            assertThat(end.objects()).containsKey(key);
                            assertThat(end.objects().get(key).eTag()).as(key).isEqualTo(object.eTag());
                            assertThat(end.objects().get(key).lastModified()).as(key).isEqualTo(object.lastModified());
                        }
                    });
                }
            }
        }
    }

    private AppProcess start() {
        // env --default-signal=INT: SIGINT must reach the app as from a terminal, even if this JVM ignores it.
        return AppProcess.start("whole-crash", properties, List.of("-Xmx512m"), List.of("env", "--default-signal=INT"));
    }

    // Where the time goes (printed, never asserted: speed is measured in bench/, not timed in tests).
    private static void phase(String what, long began) {
        System.out.printf("WholeProcessCrashIT: %s at %d s%n", what, (System.nanoTime() - began) / 1_000_000_000L);
    }

    /**
     * {@code PER_KIND} uploads of each kind (a WAV with speech, an MP4, a PNG with text, a PDF, a text file), 6 at a
     * time: job id → kind.
     */
    private Map<String, String> uploadBatch(String batch) {
        String token = app.token();
        Map<String, String> kindOf = new java.util.concurrent.ConcurrentHashMap<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<?>> uploads = new java.util.ArrayList<>();
            for (int i = 0; i < PER_KIND; i++) {
                for (var sample : samples.entrySet()) {
                    String name = batch + "-" + i + "." + sample.getKey();
                    uploads.add(pool.submit(() -> kindOf.put(app.upload(token, name, sample.getValue()), sample.getKey())));
                }
            }
            for (var upload : uploads) {
                upload.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("upload failed", e);
        } finally {
            pool.shutdownNow();
        }
        assertThat(kindOf).hasSize(PER_KIND * samples.size());
        return kindOf;
    }

    /** Waits until a worker step (media or AI) of {@code batch} is running: the moment for a signal. */
    private void awaitAWorkerStepRunning(Map<String, String> batch) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<Job> current = batch.keySet().stream().map(id -> jobs.find(id).orElseThrow()).toList();
            return current.stream().anyMatch(j -> running(j).stream().anyMatch(WORKER_STEPS::contains));
        });
    }

    /**
     * What the stopped process left on disk: its data folder served (only read) by the test's own embedded S3 and
     * DynamoDB (the app's ports, now free; the app's SQS data is not opened), so the state is exactly the one at its
     * death, with nothing moving while it is read. At least {@code MIN_IN_FLIGHT} of {@code batch} must be unfinished
     * (running or waiting on a queue), some of every kind, so the signal hit every kind in flight.
     */
    private Snapshot leftBehind(Map<String, String> batch, Set<String> all) {
        var servers = EmbeddedAwsServers.start(new EmbeddedAwsProperties(dataDir, "127.0.0.1", s3Port,
                JarProcesses.freePort(), dynamodbPort, true, false, null, null, "local", "local-secret", List.of()));
        Snapshot snapshot;
        try {
            snapshot = snapshot(all);
        } finally {
            servers.close();
        }
        Map<String, Long> unfinished = new TreeMap<>();
        batch.forEach((id, kind) -> unfinished.merge(kind,
                snapshot.jobs().get(id).status().isTerminal() ? 0L : 1L, Long::sum));
        System.out.printf("unfinished at the signal, by kind (of %d each): %s%n", PER_KIND, unfinished);
        assertThat(unfinished.values().stream().mapToLong(Long::longValue).sum())
                .as("jobs of the batch still in flight at the signal (%s)", unfinished).isGreaterThanOrEqualTo(MIN_IN_FLIGHT);
        assertThat(unfinished).as("jobs of each kind still in flight at the signal").hasSize(samples.size())
                .allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());
        return snapshot;
    }

    private Snapshot snapshot(Set<String> ids) {
        Map<String, Job> byId = new LinkedHashMap<>();
        ids.forEach(id -> byId.put(id, jobs.find(id).orElseThrow()));
        Map<String, S3Object> objects = new TreeMap<>();
        s3.listObjectsV2Paginator(b -> b.bucket("aegis-processed")).contents().forEach(o -> objects.put(o.key(), o));
        return new Snapshot(byId, objects);
    }

    record Snapshot(Map<String, Job> jobs, Map<String, S3Object> objects) {
    }

    private List<ProcessHandle> embeddedDynamoDb() {
        return app.children().stream()
                .filter(child -> child.info().commandLine().orElse("").contains("embedded-dynamodb/server.js"))
                .toList();
    }

    private List<Path> scratchFolderOf(long pid) {
        Path work = dataDir.resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(work)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("p" + pid + "-")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> running(Job job) {
        return job.steps().stream().filter(s -> s.status() == StepStatus.RUNNING).map(StepState::name).toList();
    }
}
