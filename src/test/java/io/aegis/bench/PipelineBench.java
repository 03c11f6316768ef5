package io.aegis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testsupport.JarProcesses;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole-pipeline benchmark of issue 8, driven by {@code bench/pipeline.sh}: starts the packaged jar as separate
 * processes (JVM options of {@code make run}, the real application.yaml defaults) and prints a markdown table of
 * each figure next to its target. Not a test: timings belong here.
 *
 * <p>Usage: {@code PipelineBench <jpegDir> [streamGb=2]}. Run from the project root.
 */
public final class PipelineBench {

    /**
     * Every app process of the harness: no route watching, and limits set for what the harness is, one tenant and one
     * client. The tenant's default limit of 4 running jobs would measure the limit, not the pipeline; the client's rate
     * limit (20 requests/s) is below the ≥ 50 jobs/s the harness offers, plus its polling; its caps on open uploads
     * and waiting jobs are below what parts 3 and 6 send at once.
     */
    static final Map<String, String> ONE_TENANT_ONE_CLIENT = Map.of(
            "aegis.routes.watch", "false",
            "aegis.tenant-jobs.max-running", "64",
            "aegis.security.rate-limit.capacity", "0",
            // Part 3 sends 200 uploads at once, part 6 queues 2000 jobs: from one caller of one tenant.
            "aegis.tenant-jobs.max-queued", "0",
            "aegis.tenant-jobs.max-pending-uploads", "0",
            "aegis.api.uploads.queue", "256",
            "aegis.api.uploads.per-tenant", "0",
            "aegis.api.uploads.per-caller", "0");
    static final Path DATA = Path.of("target", "bench-data", "pipeline").toAbsolutePath();

    static final int HOP_JOBS = Integer.getInteger("hopJobs", 200);
    static final int BACKLOG_SECONDS = Integer.getInteger("backlogSeconds", 30);

    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path jpegs = Path.of(args[0]);
        double streamGb = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        String only = System.getProperty("parts", "123456");
        PipelineBench bench = new PipelineBench();
        deleteTree(DATA);
        try {
            if (only.matches(".*[12346].*")) {
                bench.singleProcess(only, streamGb);
            }
            if (only.contains("5")) {
                bench.horizontal(jpegs);
            }
        } finally {
            bench.print();
            deleteTree(DATA); // the streamed upload alone leaves 1-2 GB in the embedded S3's folder
        }
    }

    // --- parts 1, 2, 3, 4, 6: one process with every role and the embedded servers, as `make run` ---

    void singleProcess(String parts, double streamGb) throws Exception {
        note("Parts 1–4 and 6: an app process with all roles and the embedded S3/SQS/DynamoDB (as `make run`), JVM "
                + String.join(" ", BenchApp.MAKE_RUN_JVM) + ", aegis.upload.max-bytes=3GB, aegis.tenant-jobs.max-running=64 (default 4) and "
                + "aegis.security.rate-limit.capacity=0 (default 100 + 20/s per client): the bench is one tenant and one client; "
                + "text plan = `summarize` only (aegis.plans.text): there is no no-op step, so this is the cheapest real step "
                + "(offline extractive summary). Parts 3 and 6 each get a fresh process (fresh data), so neither measures "
                + "behind the other's backlog; parts 1, 2 and 4 share the first.");
        if (parts.matches(".*[124].*")) {
            try (BenchApp app = singleApp("single")) {
                if (parts.contains("1") || parts.contains("2")) {
                    queueHop(app);
                    latency(app);
                }
                if (parts.contains("4")) {
                    streaming(app, streamGb);
                }
            }
        }
        if (parts.contains("3")) {
            try (BenchApp app = singleApp("uploads")) {
                concurrentUploads(app);
            }
        }
        if (parts.contains("6")) {
            try (BenchApp app = singleApp("backlog")) {
                backPressure(app);
            }
        }
    }

    /** A warmed-up app process with every role and its own embedded servers and data folder. */
    private BenchApp singleApp(String name) throws Exception {
        Map<String, String> props = BenchApp.ownServers(DATA.resolve(name));
        props.put("aegis.upload.max-bytes", "3GB");
        // The smallest plan a text job can have without new code: one cheap step (offline extractive summary).
        props.put("aegis.plans.text", "summarize");
        props.putAll(ONE_TENANT_ONE_CLIENT);
        BenchApp app = BenchApp.start(name, BenchApp.MAKE_RUN_JVM, props);
        try {
            warmUp(app);
            return app;
        } catch (Exception e) {
            app.close();
            throw e;
        }
    }

    void warmUp(BenchApp app) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(app.upload("warm-" + i + ".txt", text(i, 1024)));
        }
        app.awaitAll(ids, 120);
    }

    /** Part 1: raw ElasticMQ rate (SDK, batch size 1, 2 consumers, as SqsEndpoints) vs text jobs through the pipeline. */
    void queueHop(BenchApp app) throws Exception {
        String load = BenchApp.load();
        try (SqsClient sqs = SqsHop.client(app.sqsPort())) {
            String queue = sqs.createQueue(b -> b.queueName("bench-raw")).queueUrl();
            double rawRate = SqsHop.rate(sqs, queue, 1000);

            // The pipeline: 400 text jobs of 1 KB uploaded by 8 clients as fast as the API takes them.
            double hops0 = consumed(app);
            List<String> ids = submit(app, HOP_JOBS, 8, 1024, "hop");
            List<JsonNode> jobs = app.awaitAll(ids, 300);
            double hopsPerJob = (consumed(app) - hops0) / ids.size();
            double jobRate = rate(jobs);
            double ratio = jobRate * hopsPerJob / rawRate;
            row("1 queue hop", load, "raw ElasticMQ send→receive→delete (batch 1, 2+2 threads)", "—", fmt(rawRate) + " msg/s");
            row("1 queue hop", load, "pipeline: " + HOP_JOBS + " × 1 KB text jobs, " + fmt(hopsPerJob) + " SQS messages consumed per job",
                    "≥ 0.7 × raw (messages/s)", fmt(jobRate) + " jobs/s = " + fmt(jobRate * hopsPerJob) + " msg/s = "
                            + fmt(ratio) + " × raw " + verdict(ratio >= 0.7));
            row("2 sustained", load, "same " + HOP_JOBS + " jobs: completions / (last SUCCEEDED − first created)", "≥ 50 jobs/s",
                    fmt(jobRate) + " jobs/s " + verdict(jobRate >= 50) + failures(jobs));
        }
    }

    /** SQS messages the pipeline consumed so far: exchanges of the queue consumer routes. */
    private static double consumed(BenchApp app) throws Exception {
        double sum = 0;
        for (String route : List.of("orchestrate.jobs", "orchestrate.jobs-priority", "media.worker", "ai.worker", "ingest.s3-event")) {
            sum += app.metric("camel_exchanges_total", "routeId=\"" + route + "\"");
        }
        return sum;
    }

    /**
     * Part 2: 1 KB text jobs offered at 20/s (and at 1/s, below this machine's capacity), then 100 KB JPEG jobs with
     * the default image plan; upload→SUCCEEDED from the job's createdAt/updatedAt.
     */
    void latency(BenchApp app) throws Exception {
        latency(app, 20, 200, "1 KB text", n -> text(n, 1024), ".txt", true);
        // Below capacity as well: at 20/s this machine queues, which measures the backlog, not the pipeline.
        latency(app, 1, 30, "1 KB text", n -> text(n, 1024), ".txt", true);
        latency(app, 0.5, 12, "100 KB JPEG (default image plan)", PipelineBench::jpeg100k, ".jpg", false);
    }

    void latency(BenchApp app, double perSecond, int count, String what, IntFunction<byte[]> content, String extension,
                 boolean textTargets) throws Exception {
        String load = BenchApp.load();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(4);
        List<Future<String>> accepted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            byte[] body = content.apply(n);
            accepted.add(clock.schedule(() -> app.upload("lat-" + n + extension, body), (long) (i * 1000 / perSecond),
                    TimeUnit.MILLISECONDS));
        }
        List<String> ids = new ArrayList<>();
        int errors = 0;
        for (Future<String> f : accepted) {
            try {
                ids.add(f.get());
            } catch (Exception e) {
                errors++;
            }
        }
        clock.shutdown();
        List<JsonNode> jobs = app.awaitAll(ids, 150);
        List<Double> ms = new ArrayList<>();
        for (JsonNode job : jobs) {
            if ("SUCCEEDED".equals(job.path("status").asText())) {
                ms.add((double) (instant(job, "updatedAt") - instant(job, "createdAt")));
            }
        }
        Collections.sort(ms);
        String rate = perSecond >= 1 ? fmt(perSecond) + " jobs/s" : "1 job every " + fmt(1 / perSecond) + " s";
        row("2 latency", load, count + " × " + what + " at " + rate + " offered: createdAt→updatedAt(SUCCEEDED) p50",
                textTargets ? "≤ 300 ms" : "—", fmt(pct(ms, 50)) + " ms " + (textTargets ? verdict(pct(ms, 50) <= 300) : ""));
        row("2 latency", load, "same, p95", "—", fmt(pct(ms, 95)) + " ms");
        row("2 latency", load, "same, p99", textTargets ? "≤ 1000 ms" : "—", fmt(pct(ms, 99)) + " ms "
                + (textTargets ? verdict(pct(ms, 99) <= 1000) : "")
                + (errors > 0 ? ", " + errors + " uploads refused" : "") + failures(jobs));
    }

    /** A photo-like JPEG of about 100 KB: gradient, shapes, a line of text and pixel noise, different per n. */
    static byte[] jpeg100k(int n) {
        Random random = new Random(n);
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), 640, 480, new Color(random.nextInt(0xffffff))));
        g.fillRect(0, 0, 640, 480);
        for (int k = 0; k < 12; k++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(600), random.nextInt(440), 20 + random.nextInt(160), 20 + random.nextInt(120));
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
        g.drawString("Harbour report " + n, 40, 240);
        g.dispose();
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                int rgb = image.getRGB(x, y);
                int d = (int) (random.nextGaussian() * 19);
                int r = Math.max(0, Math.min(255, ((rgb >> 16) & 0xff) + d));
                int gr = Math.max(0, Math.min(255, ((rgb >> 8) & 0xff) + d));
                int b = Math.max(0, Math.min(255, (rgb & 0xff) + d));
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Part 3: 200 clients upload 1 MB each at once; accept latency is the client's POST → 202 time. */
    void concurrentUploads(BenchApp app) throws Exception {
        String load = BenchApp.load();
        int clients = 200;
        byte[][] bodies = new byte[clients][];
        for (int i = 0; i < clients; i++) {
            bodies[i] = text(i, 1 << 20);
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < clients; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                go.await();
                long t0 = System.nanoTime();
                try {
                    ids.put(n, app.upload("big-" + n + ".txt", bodies[n]));
                } catch (Exception e) {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 3) {
                        errorSamples.add(String.valueOf(e.getMessage()));
                    }
                }
                return new long[] {System.nanoTime() - t0};
            }));
        }
        double cpu0 = app.cpuSecondsWithTools();
        long accept0 = System.nanoTime();
        go.countDown();
        List<Double> ms = new ArrayList<>();
        for (Future<long[]> f : results) {
            ms.add(f.get()[0] / 1e6);
        }
        // Where the accept time goes: the app's CPU over the window (2 cores = the whole machine), which the jobs the
        // first uploads started share with the uploads still arriving.
        double acceptWindow = (System.nanoTime() - accept0) / 1e9;
        double acceptCores = (app.cpuSecondsWithTools() - cpu0) / acceptWindow;
        pool.shutdown();
        Collections.sort(ms);
        long waitStart = System.nanoTime();
        List<JsonNode> jobs = app.awaitAll(new ArrayList<>(ids.values()), 120);
        double waited = (System.nanoTime() - waitStart) / 1e9;
        long succeeded = jobs.stream().filter(j -> "SUCCEEDED".equals(j.path("status").asText())).count();
        row("3 concurrent uploads", load, "200 clients × 1 MB text at once: errors", "0",
                errors.get() + " " + verdict(errors.get() == 0) + (errorSamples.isEmpty() ? "" : " (" + errorSamples.get(0) + ")"));
        row("3 concurrent uploads", load, "same, accept latency p50 / p99 (POST → 202)", "p99 ≤ 2000 ms",
                fmt(pct(ms, 50)) + " / " + fmt(pct(ms, 99)) + " ms " + verdict(pct(ms, 99) <= 2000) + "; the app used "
                        + fmt(acceptCores) + " cores over the " + fmt(acceptWindow) + " s of accepting");
        long failed = jobs.stream().filter(j -> "FAILED".equals(j.path("status").asText())).count();
        row("3 concurrent uploads", load, "same, accepted jobs that reached SUCCEEDED within " + fmt(waited)
                        + " s of the last 202 (each 1 MB text is map-reduced by the offline summariser)", "all",
                succeeded + " / " + ids.size() + " " + verdict(succeeded == ids.size()) + ", FAILED " + failed
                        + (succeeded > 0 && succeeded < ids.size() ? "; at " + fmt(succeeded / waited) + " jobs/s the rest need ≈ "
                        + fmt((ids.size() - succeeded) / (succeeded / waited)) + " s more" : "") + failures(jobs));
    }

    /** Part 4: one multi-GB upload streamed from a generator; heap sampled from /actuator/prometheus every 250 ms. */
    void streaming(BenchApp app, double gb) throws Exception {
        String load = BenchApp.load();
        long bytes = (long) (gb * (1L << 30));
        List<Double> idleHeap = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            idleHeap.add(app.heapUsedMb());
            Thread.sleep(250);
        }
        double baseline = Collections.max(idleHeap);
        AtomicLong peakHeapKb = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                peakHeapKb.accumulateAndGet((long) (app.heapUsedMb() * 1024), Math::max);
            } catch (Exception ignored) {
                // a missed sample
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
        double rss0 = app.rssMb();
        long t0 = System.nanoTime();
        String id;
        try {
            id = app.upload("stream.bin", () -> new PatternStream(bytes));
        } finally {
            sampler.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        JsonNode job = app.awaitAll(List.of(id), 120).get(0);
        double growth = peakHeapKb.get() / 1024.0 - baseline;
        row("4 streaming", load, String.format(Locale.ROOT, "%.0f GB upload, -Xmx512m: POST → 202", gb), "completes",
                fmt(seconds) + " s (" + fmt(bytes / 1048576.0 / seconds) + " MB/s), job " + job.path("status").asText()
                        + " " + job.path("error").path("code").asText(""));
        row("4 streaming", load, "same, heap growth: peak jvm_memory_used_bytes{area=heap} during upload − idle max before",
                "≤ 64 MB", fmt(growth) + " MB (idle " + fmt(baseline) + ", peak " + fmt(peakHeapKb.get() / 1024.0)
                        + "; RSS " + fmt(rss0) + " → " + fmt(app.rssMb()) + " MB) " + verdict(growth <= 64));
    }

    /** Part 6: 2000 text jobs queued by 16 clients; meanwhile GET /v1/jobs/{id} every 25 ms on accepted jobs. */
    void backPressure(BenchApp app) throws Exception {
        String load = BenchApp.load();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Double> getMs = Collections.synchronizedList(new ArrayList<>());
        AtomicLong peakHeapKb = new AtomicLong();
        AtomicLong peakRssKb = new AtomicLong();
        ScheduledExecutorService probe = Executors.newScheduledThreadPool(2);
        Random random = new Random(6);
        probe.scheduleAtFixedRate(() -> {
            if (ids.isEmpty()) {
                return;
            }
            try {
                String id = ids.get(random.nextInt(ids.size()));
                long t0 = System.nanoTime();
                app.job(id);
                getMs.add((System.nanoTime() - t0) / 1e6);
            } catch (Exception ignored) {
                getMs.add(Double.MAX_VALUE);
            }
        }, 0, 25, TimeUnit.MILLISECONDS);
        probe.scheduleAtFixedRate(() -> {
            try {
                peakHeapKb.accumulateAndGet((long) (app.heapUsedMb() * 1024), Math::max);
                peakRssKb.accumulateAndGet((long) (app.rssMb() * 1024), Math::max);
            } catch (Exception ignored) {
                // a missed sample
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
        long t0 = System.nanoTime();
        ids.addAll(submit(app, 2000, 16, 1024, "burst"));
        double submitSeconds = (System.nanoTime() - t0) / 1e9;
        // The backlog is observed for BACKLOG_SECONDS, not drained: at this machine's job rate that would take minutes.
        Thread.sleep(BACKLOG_SECONDS * 1000L);
        List<JsonNode> jobs = app.awaitAll(new ArrayList<>(ids), 0);
        double drainSeconds = (System.nanoTime() - t0) / 1e9;
        probe.shutdown();
        probe.awaitTermination(5, TimeUnit.SECONDS);
        List<Double> ms = new ArrayList<>(getMs);
        Collections.sort(ms);
        long done = jobs.stream().filter(j -> "SUCCEEDED".equals(j.path("status").asText())).count();
        row("6 back-pressure", load, "2000 × 1 KB text queued (16 clients, " + fmt(2000 / submitSeconds)
                        + " uploads/s): GET /v1/jobs/{id} p50 / p99 during the backlog (" + ms.size() + " GETs)",
                "p99 < 100 ms", fmt(pct(ms, 50)) + " / " + fmt(pct(ms, 99)) + " ms " + verdict(pct(ms, 99) < 100));
        row("6 back-pressure", load, "same, peak heap used / peak RSS of the app while the backlog is queued", "bounded (-Xmx512m)",
                fmt(peakHeapKb.get() / 1024.0) + " / " + fmt(peakRssKb.get() / 1024.0) + " MB; " + done + " / 2000 SUCCEEDED after "
                        + fmt(drainSeconds) + " s (the rest still queued)");
    }

    // --- part 5: aws-local + api/orchestrator/ai + 1, then 2 media workers on the thumbnail workload ---

    void horizontal(Path jpegDir) throws Exception {
        List<byte[]> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(jpegDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(24).toList()) {
                images.add(Files.readAllBytes(f));
            }
        }
        if (images.isEmpty()) {
            notes.add("Part 5 skipped: no JPEGs in " + jpegDir + " (bench/thumbnails.sh generates them).");
            return;
        }
        Map<String, String> aws = new LinkedHashMap<>();
        int s3 = JarProcesses.freePort();
        int sqs = JarProcesses.freePort();
        int ddb = JarProcesses.freePort();
        aws.put("aegis.roles", "aws-local");
        aws.put("aegis.embedded.data-dir", DATA.resolve("aws").toString());
        aws.put("aegis.embedded.s3-port", String.valueOf(s3));
        aws.put("aegis.embedded.sqs-port", String.valueOf(sqs));
        aws.put("aegis.embedded.dynamodb-port", String.valueOf(ddb));
        try (BenchApp servers = BenchApp.start("aws-local", BenchApp.MAKE_RUN_JVM, aws)) {
            Map<String, String> external = new LinkedHashMap<>();
            external.put("aegis.aws.embedded", "false");
            external.put("aegis.aws.s3-endpoint", "http://127.0.0.1:" + s3);
            external.put("aegis.aws.sqs-endpoint", "http://127.0.0.1:" + sqs);
            external.put("aegis.aws.dynamodb-endpoint", "http://127.0.0.1:" + ddb);
            external.put("aegis.aws.access-key", "local");
            external.put("aegis.aws.secret-key", "local-secret");
            external.put("aegis.plans.image", "thumbnails");
            external.putAll(ONE_TENANT_ONE_CLIENT);
            Map<String, String> api = new LinkedHashMap<>(external);
            api.put("aegis.roles", "api,orchestrator,ai");
            api.put("aegis.embedded.data-dir", DATA.resolve("api").toString());
            try (BenchApp front = BenchApp.start("api-orchestrator", BenchApp.MAKE_RUN_JVM, api)) {
                List<BenchApp> workers = new ArrayList<>();
                try {
                    double[] oneWorker = null;
                    for (int count = 1; count <= 2; count++) {
                        Map<String, String> w = new LinkedHashMap<>(external);
                        w.put("aegis.roles", "media");
                        w.put("aegis.worker-id", "media-" + count);
                        w.put("aegis.embedded.data-dir", DATA.resolve("media-" + count).toString());
                        w.put("aegis.media.work-dir", DATA.resolve("media-" + count + "/work").toString());
                        workers.add(BenchApp.start("media-" + count, BenchApp.MAKE_RUN_JVM, w));
                        // Warm-up: a few images so each worker's JIT has seen the decode path.
                        front.awaitAll(uploadImages(front, images.subList(0, 4), "warm" + count), 120);
                        String load = BenchApp.load();
                        double cpu0 = 0;
                        for (BenchApp worker : workers) {
                            cpu0 += worker.cpuSeconds();
                        }
                        double frontCpu0 = front.cpuSeconds() + servers.cpuSeconds();
                        long t0 = System.nanoTime();
                        List<JsonNode> jobs = front.awaitAll(uploadImages(front, images, "run" + count), 300);
                        double wall = (System.nanoTime() - t0) / 1e9;
                        double cpu = -cpu0;
                        for (BenchApp worker : workers) {
                            cpu += worker.cpuSeconds();
                        }
                        double frontCpu = front.cpuSeconds() + servers.cpuSeconds() - frontCpu0;
                        double jobRate = rate(jobs);
                        Map<String, Integer> byWorker = new HashMap<>();
                        int reruns = 0;
                        for (JsonNode job : jobs) {
                            for (JsonNode step : job.path("steps")) {
                                byWorker.merge(step.path("worker").asText("?"), 1, Integer::sum);
                                reruns += Math.max(0, step.path("attempts").asInt() - 1);
                            }
                        }
                        double perCpu = jobs.size() / cpu;
                        String result = fmt(jobRate) + " jobs/s; media workers used " + fmt(cpu / wall) + " cores ("
                                + fmt(perCpu) + " jobs per worker CPU-s); api+aws processes " + fmt(frontCpu / wall)
                                + " cores; steps per worker " + byWorker + ", re-run steps " + reruns + failures(jobs);
                        if (oneWorker == null) {
                            oneWorker = new double[] {jobRate, perCpu};
                            row("5 horizontal", load, images.size() + " JPEGs 4000×3000, plan thumbnails (256+1024 px), 1 media worker",
                                    "—", result);
                        } else {
                            double speedUp = jobRate / oneWorker[0];
                            row("5 horizontal", load, "same, 2 media workers: speed-up (ceiling 2 = cores)", "→ 2 ×",
                                    fmt(speedUp) + " × (CPU-normalised: jobs per worker CPU-s " + fmt(perCpu / oneWorker[1])
                                            + " × of 1 worker); " + result);
                        }
                    }
                } finally {
                    for (BenchApp worker : workers) {
                        worker.close();
                    }
                }
            }
        }
    }

    private List<String> uploadImages(BenchApp app, List<byte[]> images, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                int n = i;
                ids.add(pool.submit(() -> app.upload(prefix + "-" + n + ".jpg", images.get(n))));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> f : ids) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    // --- helpers ---

    /** Uploads {@code count} text jobs of {@code size} bytes with {@code clients} threads; the accepted job ids. */
    private List<String> submit(BenchApp app, int count, int clients, int size, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> accepted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                accepted.add(pool.submit(() -> app.upload(prefix + "-" + n + ".txt", text(n, size))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : accepted) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    /** Jobs per second from the first job's createdAt to the last one's updatedAt (server-side timestamps). */
    private static double rate(List<JsonNode> jobs) {
        long first = Long.MAX_VALUE;
        long lastDone = 0;
        for (JsonNode job : jobs) {
            first = Math.min(first, instant(job, "createdAt"));
            lastDone = Math.max(lastDone, instant(job, "updatedAt"));
        }
        return jobs.size() / ((lastDone - first) / 1000.0);
    }

    private static String failures(List<JsonNode> jobs) {
        Map<String, Integer> other = new HashMap<>();
        for (JsonNode job : jobs) {
            String status = job == null ? "UNKNOWN" : job.path("status").asText();
            if (!status.equals("SUCCEEDED")) {
                other.merge(status + " " + job.path("error").path("code").asText(""), 1, Integer::sum);
            }
        }
        return other.isEmpty() ? "" : "; not SUCCEEDED: " + other;
    }

    private static long instant(JsonNode job, String field) {
        return Instant.parse(job.path(field).asText()).toEpochMilli();
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** A ~size-byte English text, different per n, so no two uploads are the same file. */
    static byte[] text(int n, int size) {
        String[] words = {"river", "town", "morning", "smoke", "boats", "baker", "library", "winter", "station", "map",
            "children", "harvest", "music", "bridge", "sunset", "wheat", "valley", "school", "letters", "engine"};
        Random random = new Random(n);
        StringBuilder sb = new StringBuilder("Document ").append(n).append(". ");
        while (sb.length() < size) {
            int sentence = 6 + random.nextInt(10);
            for (int w = 0; w < sentence; w++) {
                String word = words[random.nextInt(words.length)];
                sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(w + 1 < sentence ? " " : ". ");
            }
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private void row(String part, String load, String what, String target, String result) {
        String[] row = {part, what, target, result, load};
        rows.add(row);
        System.err.println("| " + String.join(" | ", row) + " |");
        if (!"—".equals(target)) {
            BenchFigures.record(what, target, result + " (load " + load + ")");
        }
    }

    private void note(String text) {
        notes.add(text);
    }

    private static String fmt(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String verdict(boolean met) {
        return met ? "(met)" : "(**not met**)";
    }

    private void print() {
        System.out.println("| part | what | target | measured | load avg at start |");
        System.out.println("|---|---|---|---|---|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        System.out.println();
        for (String note : notes) {
            System.out.println(note);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {@code length} bytes of a repeating 1 MB random block, made as they are read (nothing held but the block). */
    static final class PatternStream extends InputStream {
        private static final byte[] BLOCK = new byte[1 << 20];

        static {
            new Random(4).nextBytes(BLOCK);
        }

        private long left;

        PatternStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            return BLOCK[(int) (left-- % BLOCK.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int pos = (int) ((BLOCK.length - left % BLOCK.length) % BLOCK.length);
            int n = (int) Math.min(Math.min(len, left), BLOCK.length - pos);
            System.arraycopy(BLOCK, pos, b, off, n);
            left -= n;
            return n;
        }
    }
}
