package io.aegis.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.testsupport.ApiRequests;
import io.aegis.testsupport.JarProcesses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The packaged jar (target/aegis-*.jar, built by {@code package} before failsafe runs) as a child process:
 * given roles and properties, a free HTTP port, its output in target/child-logs/. Stopped with SIGTERM
 * ({@link #terminate}) or SIGKILL ({@link #kill}), like an orchestrator would.
 */
final class AppProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Generous: several JVMs starting at once on two shared cores took 4 minutes (make aws-e2e).
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AppProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar with these properties (as -D) and JVM options, and waits until it reports ready. */
    static AppProcess start(String name, Map<String, String> properties, List<String> jvmOptions) {
        return start(name, Map.of(), properties, jvmOptions);
    }

    /** As {@link #start(String, Map, List)}, with environment variables too (as ECS passes a task's settings). */
    static AppProcess start(String name, Map<String, String> environment, Map<String, String> properties,
                            List<String> jvmOptions) {
        int port = JarProcesses.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small, quick-starting JVMs: these tests prove behaviour, not speed.
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        command.addAll(jvmOptions);
        command.add("-Dserver.port=" + port);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JarProcesses.jar().toString()));
        try {
            Path logs = Files.createDirectories(Path.of("target", "child-logs"));
            Path log = logs.resolve(name + "-" + Instant.now().toEpochMilli() + ".log");
            // Working directory = project root, so the app finds routes/*.yaml as `make run` does.
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            AppProcess app = new AppProcess(name, port, process, log);
            app.awaitReady();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The properties that point a child at servers outside it, with short polls for tests. */
    static Map<String, String> externalAws(ChildAwsServers aws, String dataDir) {
        return Map.ofEntries(
                Map.entry("aegis.aws.embedded", "false"),
                Map.entry("aegis.aws.s3-endpoint", aws.s3Endpoint()),
                Map.entry("aegis.aws.sqs-endpoint", aws.sqsEndpoint()),
                Map.entry("aegis.aws.dynamodb-endpoint", aws.dynamodbEndpoint()),
                Map.entry("aegis.aws.access-key", ChildAwsServers.ACCESS_KEY),
                Map.entry("aegis.aws.secret-key", ChildAwsServers.SECRET_KEY),
                Map.entry("aegis.embedded.data-dir", dataDir),
                Map.entry("aegis.media.work-dir", dataDir + "/work"),
                Map.entry("aegis.queues.wait-time-seconds", "1"),
                Map.entry("aegis.retry.initial-delay-ms", "200"),
                Map.entry("aegis.media.transcribe.chunk-seconds", "4"),
                Map.entry("aegis.media.transcribe.search-seconds", "2"));
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                var response = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not ready within " + START_TIMEOUT + "; see " + log);
    }

    /** SIGTERM, then waits for the exit; the exit code (143 = ended by SIGTERM after a clean shutdown). */
    int terminate(Duration bound) {
        process.destroy();
        return awaitExit(bound);
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    int kill() {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    private int awaitExit(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not exit within " + bound + "; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    // --- the HTTP API, as a client uses it ---

    String token() {
        return send(ApiRequests.devToken(uri("/"))).path("access_token").asText();
    }

    /** A token of another dev client (its tenant), e.g. aegis-other. */
    String token(String clientId, String secret) {
        return send(ApiRequests.devToken(uri("/"), clientId, secret)).path("access_token").asText();
    }

    /** GET (or any request) on the API as a client: the JSON answer, or an exception naming the status. */
    JsonNode call(HttpRequest request) {
        return send(request);
    }

    /** Uploads and returns the 202 answer's job id. */
    String upload(String token, String filename, byte[] content) {
        return upload(token, filename, () -> new ByteArrayInputStream(content));
    }

    /** Uploads a body read from {@code content} as it is sent (never held in memory here). */
    String upload(String token, String filename, Supplier<InputStream> content) {
        return send(ApiRequests.upload(uri("/"), token, filename, content, Duration.ofMinutes(5))).path("jobId").asText();
    }

    JsonNode job(String token, String jobId) {
        return send(HttpRequest.newBuilder(uri("/v1/jobs/" + jobId)).header("Authorization", "Bearer " + token).build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
