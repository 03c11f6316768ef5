package io.aegis.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL with pgvector for tests: PGlite (PostgreSQL compiled to WebAssembly, npm, src/test/pglite) served over
 * the wire protocol by pglite-server, keeping its data in {@code dataDir}. Fails with the reason when Node or the npm
 * packages are missing ({@code cd src/test/pglite && npm ci}, done by make test).
 */
public final class PgliteServer implements AutoCloseable {

    private static final Path PACKAGE = Path.of("src", "test", "pglite").toAbsolutePath();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final int port;
    private final Process process;
    private final Path log;

    private PgliteServer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static boolean installed() {
        return Files.isRegularFile(PACKAGE.resolve("node_modules/.bin/pglite-server"));
    }

    /** Starts it on a free port and waits until it listens; {@code log} gets its output. */
    public static PgliteServer start(Path dataDir, Path log) {
        if (!installed()) {
            throw new IllegalStateException("PGlite is not installed: cd src/test/pglite && npm ci");
        }
        int port = JarProcesses.freePort();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(List.of("node", "node_modules/.bin/pglite-server",
                    "--db=" + dataDir.toAbsolutePath(), "--port=" + port,
                    "--extensions=@electric-sql/pglite-pgvector:vector", "--max-connections=16"))
                    .directory(PACKAGE.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PgliteServer server = new PgliteServer(port, process, log);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable";
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pglite-server exited while starting; see " + log);
            }
            if (Files.readString(log).contains("listening")) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("pglite-server not listening within " + START_TIMEOUT + "; see " + log);
    }

    /** SIGTERM (it closes the database cleanly), SIGKILL if it lingers. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
