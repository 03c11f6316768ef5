package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.awaitility.core.ConditionTimeoutException;

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
        AppProcess app = launch(name, environment, properties, jvmOptions, List.of());
        app.awaitReady();
        return app;
    }

    /**
     * As {@link #start(String, Map, List)}, the java command behind {@code launcher} (e.g. {@code env
     * --default-signal=INT}: a process started from a background shell inherits SIGINT ignored, as would the app).
     */
    static AppProcess start(String name, Map<String, String> properties, List<String> jvmOptions, List<String> launcher) {
        AppProcess app = launch(name, Map.of(), properties, jvmOptions, launcher);
        app.awaitReady();
        return app;
    }

    /** Starts the jar (in dev mode unless the properties say otherwise) without waiting for anything. */
    static AppProcess launch(String name, Map<String, String> properties, List<String> jvmOptions) {
        return launch(name, Map.of(), properties, jvmOptions, List.of());
    }

    /**
     * Starts the jar without waiting: in dev mode, unless it is given a token issuer (environment or properties) or
     * the properties switch dev mode off.
     */
    static AppProcess launch(String name, Map<String, String> environment, Map<String, String> properties,
                             List<String> jvmOptions) {
        return launch(name, environment, properties, jvmOptions, List.of());
    }

    private static AppProcess launch(String name, Map<String, String> environment, Map<String, String> properties,
                                     List<String> jvmOptions, List<String> launcher) {
        // A free port, unless the test needs a known one (a restart on the same port keeps the local issuer's name).
        int port = properties.containsKey("server.port") ? Integer.parseInt(properties.get("server.port"))
                : JarProcesses.freePort();
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small, quick-starting JVMs: these tests prove behaviour, not speed.
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        command.addAll(jvmOptions);
        command.add("-Dserver.port=" + port);
        boolean issuer = !environment.getOrDefault("AEGIS_ISSUER_URI", "").isBlank()
                || properties.containsKey("aegis.security.issuer-uri");
        if (!issuer) {
            command.add(JarProcesses.DEV_MODE);
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JarProcesses.jar().toString()));
        try {
            Path logs = Files.createDirectories(Path.of("target", "child-logs"));
            Path log = logs.resolve(name + "-" + Instant.now().toEpochMilli() + ".log");
            // Working directory = project root, so the app finds routes/*.yaml as `make run` does.
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new AppProcess(name, port, builder.start(), log);
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
        try {
            await(name + " ready").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .failFast(() -> assertThat(process.isAlive())
                            .as(() -> name + " exited with " + process.exitValue() + " while starting; see " + log).isTrue())
                    .until(this::ready);
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " not ready within " + START_TIMEOUT + "; see " + log, e);
        }
    }

    private boolean ready() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        }
    }

    /** SIGTERM, then waits for the exit; the exit code (143 = ended by SIGTERM after a clean shutdown). */
    int terminate(Duration bound) {
        process.destroy();
        return awaitExitWithin(bound);
    }

    /** SIGINT (Ctrl-C in the terminal of `make run`), then waits for the exit; 130 after a clean shutdown. */
    int interrupt(Duration bound) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return awaitExit(bound);
    }

    /** The processes this one started that are still alive (the embedded DynamoDB, tools). */
    List<ProcessHandle> children() {
        return process.children().toList();
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    int kill() {
        process.destroyForcibly();
        return awaitExitWithin(Duration.ofSeconds(30));
    }

    private int awaitExitWithin(Duration bound) {
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

    /** Waits for a process that is expected to end on its own; its exit code. */
    int awaitExit(Duration bound) {
        return awaitExitWithin(bound);
    }

    int port() {
        return port;
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
            awaitExitWithin(Duration.ofSeconds(30));
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

    /** The status code of a GET with this token. */
    int status(String token, String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
