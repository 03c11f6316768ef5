package io.aegis.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * A private working directory for one exchange (one step of one job): tools read and write only here, and
 * it is deleted when the exchange completes, whether the step succeeded, failed or timed out. All of a process's
 * directories sit in a folder of that process ({@link #processRoot}: {@code p<pid>-<start>}), so a process killed
 * before it could delete them leaves them where the next start-up finds and removes them ({@link ScratchJanitor}),
 * without touching those of another process alive on the same machine.
 */
public final class Scratch {

    private static final String PROPERTY = "aegis.scratch";
    /** This process's folder name: its pid and start time (a pid alone may be reused by a later process). */
    static final String OWNER = ownerName(ProcessHandle.current());

    private Scratch() {
    }

    /** The exchange's directory, created on first use under {@code root}. */
    public static Path of(Exchange exchange, Path root) {
        Path existing = exchange.getProperty(PROPERTY, Path.class);
        if (existing != null) {
            return existing;
        }
        try {
            // Absolute: tools run inside the directory and must not resolve paths against it twice.
            Path base = Files.createDirectories(processRoot(root));
            // Named for the job, so the tools of a cancelled job can be found and stopped (ToolProcesses).
            Path dir = Files.createTempDirectory(base, prefixFor(exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class)));
            exchange.setProperty(PROPERTY, dir);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    delete(dir);
                }
            });
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory under " + root, e);
        }
    }

    /** The folder under {@code workRoot} that holds this process's step directories. */
    public static Path processRoot(Path workRoot) {
        return workRoot.toAbsolutePath().resolve(OWNER);
    }

    static String ownerName(ProcessHandle process) {
        long started = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return "p" + process.pid() + "-" + started;
    }

    /** Directory names start with this for a job's steps; job ids are UUIDs, anything else gets a plain prefix. */
    static String prefixFor(String jobId) {
        return jobId != null && jobId.matches("[0-9a-fA-F-]{1,64}") ? "job-" + jobId + "-" : "job-";
    }

    /** The directory an earlier processor of this exchange created. */
    public static Path current(Exchange exchange) {
        Path dir = exchange.getProperty(PROPERTY, Path.class);
        if (dir == null) {
            throw new IllegalStateException("no working directory was created for this exchange");
        }
        return dir;
    }

    /** Deletes the directory and everything in it (nothing when it is gone already). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
