package io.aegis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.testsupport.ApiRequests;
import io.aegis.testsupport.JarProcesses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The packaged jar as a child process for the pipeline benchmark (like the ITs' AppProcess, which is package-private
 * to io.aegis.it): roles and properties as -D, free HTTP port, output in target/bench-out/pipeline/, and the HTTP
 * API as a client uses it. Unlike the ITs it runs with the JVM options of {@code make run} and the real defaults.
 */
final class BenchApp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** make run's JVM options (the Makefile's JAVA_OPTS); BENCH_JVM_EXTRA (e.g. a JFR recording) is appended when set. */
    static final List<String> MAKE_RUN_JVM = makeRunJvm();
    /** How long a process may take to become ready: longer on a machine shared with other work (-DreadyMinutes). */
    static final long READY_MINUTES = Long.getLong("readyMinutes", 4);

    final String name;
    final int port;
    final Process process;
    final Path log;
    // HTTP/1.1 and a pool big enough for 200 concurrent uploads, each on its own connection.
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newCachedThreadPool()).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> properties;
    private String token;

    private BenchApp(String name, int port, Process process, Path log, Map<String, String> properties) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.properties = Map.copyOf(properties);
    }

    private static List<String> makeRunJvm() {
        List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:MaxMetaspaceSize=192m", "-Xss512k"));
        String extra = System.getenv("BENCH_JVM_EXTRA");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return List.copyOf(options);
    }

    /**
     * The properties of a process with embedded S3/SQS/DynamoDB of its own, as {@code make run}: its data folder,
     * a work folder inside it and free ports. The caller adds its own settings to the (mutable) map.
     */
    static Map<String, String> ownServers(Path data) throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("aegis.embedded.data-dir", data.toString());
        props.put("aegis.media.work-dir", data.resolve("work").toString());
        props.put("aegis.embedded.s3-port", String.valueOf(JarProcesses.freePort()));
        props.put("aegis.embedded.sqs-port", String.valueOf(JarProcesses.freePort()));
        props.put("aegis.embedded.dynamodb-port", String.valueOf(JarProcesses.freePort()));
        return props;
    }

    /** The load average (1, 5, 15 min) now, for the heading of a figure. */
    static String load() throws IOException {
        String[] avg = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return avg[0] + " " + avg[1] + " " + avg[2];
    }

    /** The port of the embedded SQS this process started. */
    int sqsPort() {
        return Integer.parseInt(properties.get("aegis.embedded.sqs-port"));
    }

    static BenchApp start(String name, List<String> jvmOptions, Map<String, String> properties) throws Exception {
        int port = JarProcesses.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dserver.port=" + port);
        command.add(JarProcesses.DEV_MODE);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JarProcesses.jar().toString()));
        Path logs = Files.createDirectories(Path.of("target", "bench-out", "pipeline"));
        Path log = logs.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BenchApp app = new BenchApp(name, port, process, log, properties);
        try {
            app.awaitReady();
        } catch (Exception | Error e) {
            app.close(); // never leave a half-started app behind the harness
            throw e;
        }
        return app;
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(READY_MINUTES));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready in " + READY_MINUTES + " minutes; see " + log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The dev client's token, fetched once. */
    synchronized String token() throws Exception {
        if (token == null) {
            token = JSON.readTree(http.send(ApiRequests.devToken(uri("/")), HttpResponse.BodyHandlers.ofString()).body())
                    .path("access_token").asText();
        }
        return token;
    }

    /** A token of another dev client (another tenant). */
    String token(String client, String secret) throws Exception {
        return JSON.readTree(http.send(ApiRequests.devToken(uri("/"), client, secret),
                HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
    }

    /** POST /v1/upload; the job id of the 202, or an exception carrying the status and body. */
    String upload(String filename, Supplier<InputStream> content) throws Exception {
        return upload(token(), filename, content);
    }

    /** POST /v1/upload with {@code token}. */
    String upload(String token, String filename, Supplier<InputStream> content) throws Exception {
        var response = http.send(ApiRequests.upload(uri("/"), token, filename, content, Duration.ofMinutes(10)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("jobId").asText();
    }

    String upload(String filename, byte[] content) throws Exception {
        return upload(filename, () -> new ByteArrayInputStream(content));
    }

    JsonNode job(String jobId) throws Exception {
        return job(token(), jobId);
    }

    JsonNode job(String token, String jobId) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri("/v1/jobs/" + jobId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET job answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** {@link #awaitAll(String, List, int)} as the dev client. */
    List<JsonNode> awaitAll(List<String> ids, int seconds) throws Exception {
        return awaitAll(token(), ids, seconds);
    }

    /**
     * Waits for every job to be SUCCEEDED/FAILED/CANCELLED or the time to be up, polling one job at a time in
     * submission order (jobs finish roughly in order): a few GETs per second, so the polling itself does not load
     * the API and the job table it measures. Each job is read at least once; the jobs as last read.
     */
    List<JsonNode> awaitAll(String token, List<String> ids, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<JsonNode> all = new ArrayList<>();
        for (String id : ids) {
            JsonNode job = job(token, id);
            while (!terminal(job) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                job = job(token, id);
            }
            all.add(job);
        }
        return all;
    }

    static boolean terminal(JsonNode job) {
        String status = job.path("status").asText();
        return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
    }

    /** GET {@code path} with the token; the JSON body of a 200, or an exception carrying the status. */
    JsonNode getJson(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The bytes at a presigned URL the API handed out. */
    byte[] download(String url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    String prometheus() throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sum of a Prometheus metric's samples whose labels contain every given fragment. */
    double metric(String name, String... labelFragments) throws Exception {
        double sum = 0;
        for (String line : prometheus().split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String fragment : labelFragments) {
                all &= line.contains(fragment);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    double heapUsedMb() throws Exception {
        return metric("jvm_memory_used_bytes", "area=\"heap\"") / 1048576.0;
    }

    double rssMb() throws IOException {
        return statusMb("VmRSS:");
    }

    /** CPU seconds (user + system) the process has used so far. */
    double cpuSeconds() throws IOException {
        long[] ticks = cpuTicks();
        return (ticks[0] + ticks[1]) / 100.0; // CLK_TCK 100 on Linux
    }

    /** CPU seconds of the process and of the children it has waited for (the tools it ran: tesseract, ffmpeg...). */
    double cpuSecondsWithTools() throws IOException {
        long[] ticks = cpuTicks();
        return (ticks[0] + ticks[1] + ticks[2] + ticks[3]) / 100.0;
    }

    /** The most memory the process has held resident so far (VmHWM), in MB; -1 once it has ended. */
    double peakRssMb() {
        try {
            return statusMb("VmHWM:");
        } catch (IOException ended) {
            return -1; // nothing to read any more
        }
    }

    // utime, stime, cutime, cstime: fields 14-17 of /proc/<pid>/stat, in clock ticks.
    private long[] cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    // A kB line of /proc/<pid>/status (VmRSS:, VmHWM:) in MB; -1 when the process has no such line.
    private double statusMb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        double peak = peakRssMb();
        if (peak > 0) {
            BenchFigures.record("peak resident memory of the app process (" + name + ")", "≤ 700 MB",
                    String.format(java.util.Locale.ROOT, "%.0f MB %s", peak, peak <= 700 ? "(met)" : "(**not met**)"));
        }
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
