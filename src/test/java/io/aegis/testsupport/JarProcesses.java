package io.aegis.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a test or benchmark needs to run the packaged jar as a child process: the jar, and free ports for it. */
public final class JarProcesses {

    /**
     * Dev mode (the local authorization server whose dev clients the tests use, everything on loopback): the first
     * -D of a child's command line, so a property passed after it can still switch it off.
     */
    public static final String DEV_MODE = "-Daegis.dev.mode=true";

    private JarProcesses() {
    }

    /** The Spring Boot jar in target/ (not the -plain one). */
    public static Path jar() {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("aegis-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no target/aegis-*.jar: package it first (`mvn verify` packages before the ITs)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
