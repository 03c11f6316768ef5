package io.aegis.platform.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded DynamoDB-compatible server: dynalite (npm, Apache-2.0) run by Node as a child process of the app,
 * through the wrapper {@code embedded-dynamodb/server.js}. Bound to the embedded servers' address, its tables in
 * LevelDB under {@code data/dynamodb} (in memory for tests). The child watches its standard input and ends when
 * the pipe closes, which the kernel does however this process ends (SIGKILL included), so it never outlives the app
 * to keep the port or the LevelDB lock. Ready only once it has answered a real request: a second instance on the
 * same folder listens but fails its first request (the LevelDB lock).
 */
final class EmbeddedDynamoDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDynamoDb.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** DynamoDB Local's file in a data folder made before dynalite: unreadable here. */
    static final String DYNAMODB_LOCAL_FILE = "shared-local-instance.db";

    private final Process process;
    private final int port;
    private final Deque<String> lastLines = new ArrayDeque<>();

    private EmbeddedDynamoDb(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static EmbeddedDynamoDb start(EmbeddedAwsProperties props) {
        Path script = props.dynamodbServer().toAbsolutePath().normalize();
        if (!Files.isRegularFile(script) || !Files.isDirectory(script.resolveSibling("node_modules").resolve("dynalite"))) {
            throw new IllegalStateException("the embedded DynamoDB (dynalite) is not installed at " + script.getParent()
                    + ": run `make run` (it runs `npm ci` there), or set aegis.embedded.dynamodb-server"
                    + " (AEGIS_EMBEDDED_DYNAMODB_SERVER) to its server.js");
        }
        List<String> command = new ArrayList<>(List.of(props.node(), script.toString(),
                "--host", props.bindAddress(), "--port", Integer.toString(props.dynamodbPort()), "--exit-with-stdin"));
        if (!props.dynamodbInMemory()) {
            Path dir = dataDirectory(props.dataDir());
            command.addAll(List.of("--path", dir.toString()));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `" + props.node() + "` for the embedded DynamoDB (Node.js >= 20"
                    + " is needed; set aegis.embedded.node to its path): " + e.getMessage(), e);
        }
        EmbeddedDynamoDb server = new EmbeddedDynamoDb(process, props.dynamodbPort());
        server.forwardOutput();
        try {
            server.awaitReady(props.accessKey());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The LevelDB folder, refusing one that still holds DynamoDB Local's tables (say how to start afresh). */
    static Path dataDirectory(Path dataDir) {
        Path dir = dataDir.resolve("dynamodb").toAbsolutePath().normalize();
        if (Files.exists(dir.resolve(DYNAMODB_LOCAL_FILE))) {
            throw new IllegalStateException(dir + " holds tables of DynamoDB Local, which the embedded dynalite cannot"
                    + " read: run `make clean` (deletes ./data: jobs, files, queues) or move that folder away");
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    // Its lines go to this log (and the last ones into a failure's message).
    private void forwardOutput() {
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 20) {
                            lastLines.removeFirst();
                        }
                    }
                    log.info("{}", line);
                }
            } catch (IOException ended) {
                // The process is gone.
            }
        }, "embedded-dynamodb-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void awaitReady(String accessKey) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String lastAnswer = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the embedded DynamoDB exited with " + process.exitValue()
                        + " (is its data folder in use by another Aegis?): " + output());
            }
            try {
                HttpResponse<String> answer = http.send(listTables(accessKey), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("TableNames")) {
                    return;
                }
                lastAnswer = answer.statusCode() + " " + answer.body();
            } catch (IOException notYet) {
                lastAnswer = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        throw new IllegalStateException("the embedded DynamoDB did not answer within " + READY_TIMEOUT + ": "
                + lastAnswer + "; " + output());
    }

    // dynalite checks that a request is signed (not the signature itself).
    private HttpRequest listTables(String accessKey) {
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("X-Amz-Date", date)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + date.substring(0, 8)
                        + "/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    private String output() {
        synchronized (lastLines) {
            return String.join(" | ", lastLines);
        }
    }

    /** Closes the child's standard input (it stops and closes LevelDB), then waits; SIGKILL if it hangs. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // Gone already.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
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
