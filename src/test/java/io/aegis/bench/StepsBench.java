package io.aegis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of each step shipped as YAML (routes/steps/) per file, next to running the same tool with the same
 * arguments directly: what the step envelope (claim, lease, the original from S3 into a scratch directory, the tool
 * runner, storing the outputs through aws2-s3, the asset and job writes) adds. The app is the packaged jar with the
 * JVM options of make run; each plan holds just the step measured. Prints a markdown table.
 * Usage (bench/steps.sh): java -cp ... io.aegis.bench.StepsBench <work dir> <runs>
 */
public final class StepsBench {

    record Case(String step, String file, String plan, List<List<String>> commands) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int runs = Integer.parseInt(args[1]);
        Path photo = work.resolve("photo-4000x3000.jpg");
        Path video = work.resolve("video-60s-720p.mp4");
        Path audio = work.resolve("audio-60s.mp3");
        ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=4000x3000", "-frames:v", "1", "-q:v", "3", photo.toString()));
        // Six 10 s shots (alternating pattern and colour) over a tone: five cuts.
        ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=25:d=60", "-f", "lavfi", "-i", "sine=f=300:d=60",
                "-vf", "hue=H=2*PI*floor(t/10)/6", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-shortest", video.toString()));
        ffmpeg(List.of("-f", "lavfi", "-i", "sine=f=300:d=60", "-b:a", "128k", audio.toString()));

        List<Case> cases = new ArrayList<>();
        List<List<String>> crops = new ArrayList<>();
        for (String size : List.of("1080x1080", "1080x1350", "1920x1080", "1080x1920")) {
            crops.add(List.of("vipsthumbnail", "original", "--smartcrop", "attention", "--size", size,
                    "-o", "crop-" + size + ".jpg[Q=85,strip]"));
        }
        cases.add(new Case("smart-crop", photo.getFileName().toString(), "image", crops));
        List<String> waveform = List.of("ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-protocol_whitelist", "file",
                "-i", "original", "-filter_complex", "showwavespic=s=1280x240:split_channels=0:colors=0x2563eb",
                "-frames:v", "1", "-y", "waveform.png");
        cases.add(new Case("waveform", audio.getFileName().toString(), "audio", List.of(waveform)));
        cases.add(new Case("scene-strip", video.getFileName().toString(), "video", List.of(
                List.of("ffprobe", "-v", "error", "-f", "lavfi", "-i", "movie=original,select='gt(scene,0.3)'",
                        "-show_entries", "frame=pts_time", "-of", "json=compact=1"),
                List.of("ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-protocol_whitelist", "file", "-i", "original",
                        "-vf", "select='eq(n,0)+gt(scene,0.3)',scale=240:-2,tile=4x3:padding=4:color=white",
                        "-fps_mode", "vfr", "-frames:v", "1", "-y", "scene-strip.png"))));
        cases.add(new Case("waveform", video.getFileName().toString(), "video", List.of(waveform)));

        Map<String, Long> direct = new LinkedHashMap<>();
        for (Case c : cases) {
            Path dir = Files.createDirectories(work.resolve("direct-" + c.step() + "-" + c.plan()));
            Files.copy(work.resolve(c.file()), dir.resolve("original"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            List<Long> times = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                long start = System.nanoTime();
                for (List<String> command : c.commands()) {
                    run(command, dir);
                }
                if (run > 0) { // the first run warms the page cache
                    times.add((System.nanoTime() - start) / 1_000_000);
                }
            }
            direct.put(c.step() + "|" + c.file(), median(times));
        }

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aegis.plans.image", "smart-crop");
        properties.put("aegis.plans.audio", "waveform");
        properties.put("aegis.plans.video", "scene-strip,waveform");
        properties.put("aegis.embedded.data-dir", work.resolve("app-data").toString());
        // Ports of their own (STEPS_BENCH_PORTS="s3 sqs dynamodb"), apart from a running make run or tests.
        String[] ports = System.getProperty("ports", "28101 28102 28103").split(" ");
        properties.put("aegis.embedded.s3-port", ports[0]);
        properties.put("aegis.embedded.sqs-port", ports[1]);
        properties.put("aegis.embedded.dynamodb-port", ports[2]);
        properties.put("aegis.tenant-jobs.max-running", "0");
        List<String> jvm = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        Map<String, List<Long>> pipeline = new LinkedHashMap<>();
        try (BenchApp app = BenchApp.start("steps", jvm, properties)) {
            for (String file : List.of(photo.getFileName().toString(), audio.getFileName().toString(),
                    video.getFileName().toString())) {
                byte[] content = Files.readAllBytes(work.resolve(file));
                for (int run = 0; run <= runs; run++) {
                    JsonNode job = awaitEnd(app, app.upload(file, content));
                    if (!"SUCCEEDED".equals(job.path("status").asText())) {
                        throw new IllegalStateException(file + ": " + job);
                    }
                    for (JsonNode step : job.path("steps")) {
                        String name = step.path("name").asText();
                        if (run > 0 && !name.equals("validate") && !name.equals("metadata")) {
                            long ms = Duration.between(Instant.parse(step.path("startedAt").asText()),
                                    Instant.parse(step.path("finishedAt").asText())).toMillis();
                            pipeline.computeIfAbsent(name + "|" + file, k -> new ArrayList<>()).add(ms);
                        }
                    }
                }
            }
        }

        System.out.println("| step | file | the tool(s) directly, ms | the step in the pipeline, ms | added by the envelope |");
        System.out.println("| --- | --- | ---: | ---: | ---: |");
        for (Case c : cases) {
            String key = c.step() + "|" + c.file();
            long tool = direct.get(key);
            long step = median(pipeline.get(key));
            System.out.printf(Locale.ROOT, "| `%s` | %s | %d | %d | %+d ms (%.1f×) |%n", c.step(), c.file(), tool, step,
                    step - tool, step / (double) Math.max(1, tool));
        }
        System.out.println();
        System.out.printf("Medians of %d runs after one warm-up run; the pipeline's time is the step's startedAt → finishedAt.%n", runs);
    }

    private static JsonNode awaitEnd(BenchApp app, String jobId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = app.job(jobId);
            if (job.path("status").asText().matches("SUCCEEDED|FAILED|CANCELLED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("job " + jobId + " did not end in 5 minutes");
    }

    private static void ffmpeg(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(args);
        run(command, null);
    }

    private static void run(List<String> command, Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command + " exited " + exit);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
