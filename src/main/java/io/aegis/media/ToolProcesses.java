package io.aegis.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds and stops the tools (ffmpeg, pocketsphinx, tesseract) still running for a job, e.g. one that was
 * cancelled while a step ran. A tool belongs to a job when it runs in, or reads from, one of the job's
 * scratch directories ({@link Scratch}); only this process's own children are considered.
 */
@Component
public class ToolProcesses {

    private static final Logger log = LoggerFactory.getLogger(ToolProcesses.class);

    /** The job's tools still running in this process; usually none. */
    public List<ProcessHandle> of(String jobId) {
        String marker = "/" + Scratch.prefixFor(jobId);
        if ("/job-".equals(marker)) {
            return List.of();
        }
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> mentions(process, marker))
                .toList();
    }

    /** Kills the job's tools (and anything they started); returns how many were stopped. */
    public int stop(String jobId) {
        List<ProcessHandle> tools = of(jobId);
        for (ProcessHandle tool : tools) {
            tool.descendants().forEach(ProcessHandle::destroyForcibly);
            tool.destroyForcibly();
            log.info("stopped {} (pid {}) of job {}", tool.info().command().orElse("a tool"), tool.pid(), jobId);
        }
        return tools.size();
    }

    private static boolean mentions(ProcessHandle process, String marker) {
        boolean inArguments = process.info().arguments()
                .map(args -> Arrays.stream(args).anyMatch(arg -> arg.contains(marker)))
                .orElse(false);
        return inArguments || workingDirectory(process).map(dir -> dir.contains(marker)).orElse(false);
    }

    // Linux only; elsewhere the arguments decide alone.
    private static Optional<String> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
