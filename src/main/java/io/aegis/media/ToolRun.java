package io.aegis.media;

import io.aegis.platform.StepDeadline;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecResult;

/**
 * One external tool call through camel-exec: {@link #prepare} sets the command headers before an
 * {@code exec:} endpoint, {@link #require} turns its result into a step outcome. Tools get no stdin, run in
 * the job's scratch directory under the OS limits of {@link ToolLimits} and are killed at the timeout. Endpoints
 * come from {@link ToolExecutor#endpoint}.
 */
public final class ToolRun {

    private static final String STARTED = "aegis.toolStarted";
    private static final String TIMEOUT = "aegis.toolTimeout";
    private static final int STDERR_TAIL = 500;
    private static final Set<Integer> KILLED_FROM_OUTSIDE = Set.of(130, 137, 143);
    // Killed by the kernel at a limit of ToolLimits: SIGXCPU (CPU time) and SIGXFSZ (file size).
    private static final int CPU_LIMIT_EXIT = 128 + 24;
    private static final int FILE_SIZE_LIMIT_EXIT = 128 + 25;

    private ToolRun() {
    }

    public static void prepare(Exchange exchange, String executable, List<String> args, Path workDir,
                               Duration timeout) {
        // The step's own timeout bounds every tool it runs: a tool may never outlive its step.
        Duration remaining = StepDeadline.remaining(exchange).orElse(timeout);
        if (remaining.isNegative() || remaining.isZero()) {
            throw new StepFailure(ErrorCode.PROCESSING_TIMEOUT, "the step ran out of time before " + executable + " started");
        }
        timeout = remaining.compareTo(timeout) < 0 ? remaining : timeout;
        var message = exchange.getMessage();
        message.setBody(null); // camel-exec feeds the body to stdin; tools here read files only
        message.setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, executable);
        message.setHeader(ExecBinding.EXEC_COMMAND_ARGS, List.copyOf(args));
        message.setHeader(ExecBinding.EXEC_COMMAND_WORKING_DIR, workDir.toString());
        message.setHeader(ExecBinding.EXEC_COMMAND_TIMEOUT, timeout.toMillis());
        message.removeHeader(ExecBinding.EXEC_COMMAND_OUT_FILE);
        message.removeHeader(ExecBinding.EXEC_COMMAND_EXIT_VALUES);
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.setProperty(TIMEOUT, timeout);
    }

    /** Marks a tool call as starting now with {@code timeout}, for {@link #require} (the tool runner's own calls). */
    static void started(Exchange exchange, Duration timeout) {
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.setProperty(TIMEOUT, timeout);
    }

    /**
     * The tool's stdout when it exited 0. A kill at the timeout or the CPU limit is PROCESSING_TIMEOUT; a file over
     * the size limit, or more output than is kept, LIMIT_EXCEEDED; any other non-zero exit means the tool could not
     * read the input, which is {@code failure} (the end of its stderr goes to the log as the failure's detail).
     */
    public static String require(Exchange exchange, String tool, ErrorCode failure) {
        ExecResult result = result(exchange, tool);
        throwIfOverOutputLimit(result, tool);
        String stdout = read(result.getStdout());
        if (result.getExitValue() == 0) {
            return stdout;
        }
        throwIfStopped(exchange, tool, result);
        String stderr = read(result.getStderr()).strip();
        if (stderr.length() > STDERR_TAIL) {
            stderr = "…" + stderr.substring(stderr.length() - STDERR_TAIL);
        }
        // The tool's own words name paths of this machine: for the log, not for the tenant.
        throw new StepFailure(failure, tool + " could not process the file (exit " + result.getExitValue() + ")")
                .withDetail(stderr.isEmpty() ? null : stderr);
    }

    /**
     * As {@link #prepare}, for a tool that may decline with one of {@code declines} exit values: camel-exec then logs
     * no error, and {@link #attempt} reads the decline as "nothing to say".
     */
    public static void prepareOptional(Exchange exchange, String executable, List<String> args, Path workDir,
                                       Duration timeout, int... declines) {
        prepare(exchange, executable, args, workDir, timeout);
        StringBuilder accepted = new StringBuilder("0");
        for (int decline : declines) {
            accepted.append(',').append(decline);
        }
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_EXIT_VALUES, accepted.toString());
    }

    /**
     * The tool's stdout when it exited 0, empty when it declined (any other exit: an optional analysis that found
     * nothing to say, such as tesseract's orientation detection on too little text). Timeouts and kills still throw.
     */
    public static java.util.Optional<String> attempt(Exchange exchange, String tool) {
        ExecResult result = result(exchange, tool);
        throwIfOverOutputLimit(result, tool);
        String stdout = read(result.getStdout());
        if (result.getExitValue() == 0) {
            return java.util.Optional.of(stdout);
        }
        throwIfStopped(exchange, tool, result);
        return java.util.Optional.empty();
    }

    private static ExecResult result(Exchange exchange, String tool) {
        ExecResult result = exchange.getMessage().getBody(ExecResult.class);
        if (result == null) {
            throw new IllegalStateException(tool + " returned no result");
        }
        return result;
    }

    private static void throwIfOverOutputLimit(ExecResult result, String tool) {
        if (result.getStdout() instanceof ToolOutput.Captured out && out.truncated()) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, tool + " wrote more than " + out.available()
                    + " bytes of output; that is the limit");
        }
    }

    /** A timeout, a kill or an OS limit: never the file's "could not process" nor a tool's decline. */
    private static void throwIfStopped(Exchange exchange, String tool, ExecResult result) {
        if (result.getExitValue() == CPU_LIMIT_EXIT) {
            throw new StepFailure(ErrorCode.PROCESSING_TIMEOUT, tool + " used up its CPU time limit and was stopped");
        }
        if (result.getExitValue() == FILE_SIZE_LIMIT_EXIT) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, tool + " wrote a file over the size limit and was stopped");
        }
        Duration timeout = exchange.getProperty(TIMEOUT, Duration.class);
        long started = exchange.getProperty(STARTED, Long.class);
        if (timeout != null && Duration.ofNanos(System.nanoTime() - started).compareTo(timeout) >= 0) {
            throw new StepFailure(ErrorCode.PROCESSING_TIMEOUT,
                    tool + " did not finish within " + Math.max(1, timeout.toSeconds()) + " s and was stopped");
        }
        if (KILLED_FROM_OUTSIDE.contains(result.getExitValue())) {
            // SIGINT/SIGKILL/SIGTERM from someone else (OOM killer, operator): not the file's fault, so transient.
            throw new IllegalStateException(tool + " was stopped by a signal (exit " + result.getExitValue() + ")");
        }
    }

    private static String read(java.io.InputStream in) {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
