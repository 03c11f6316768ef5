package io.aegis.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.unit.DataSize;

/**
 * Operating-system limits every tool runs under, set with {@code prlimit} (util-linux) in front of the command: CPU
 * seconds, the largest file it may write, its address space; and how much of its output is kept. The wall-clock
 * timeout is {@code aegis.media.tool-timeout} and the step's own deadline.
 *
 * @param enabled      false only where prlimit is missing (not Linux); the tools then run without OS limits
 * @param prlimit      the prlimit executable
 * @param cpuTime      CPU time (all threads) before the kernel stops the tool: PROCESSING_TIMEOUT
 * @param fileSize     largest file the tool may write: LIMIT_EXCEEDED
 * @param addressSpace virtual memory the tool may map; an allocation past it fails
 * @param maxOutput    stdout kept in memory; more fails the step with LIMIT_EXCEEDED (stderr keeps its last 64 KB)
 */
public record ToolLimits(boolean enabled, String prlimit, Duration cpuTime, DataSize fileSize, DataSize addressSpace,
                         DataSize maxOutput) {

    public ToolLimits {
        prlimit = prlimit == null || prlimit.isBlank() ? "prlimit" : prlimit;
        cpuTime = cpuTime == null ? Duration.ofMinutes(30) : cpuTime;
        fileSize = fileSize == null ? DataSize.ofGigabytes(2) : fileSize;
        addressSpace = addressSpace == null ? DataSize.ofGigabytes(4) : addressSpace;
        maxOutput = maxOutput == null ? DataSize.ofMegabytes(16) : maxOutput;
    }

    static final long CPU_GRACE_SECONDS = 10;

    public static ToolLimits defaults() {
        return new ToolLimits(true, null, null, null, null, null);
    }

    /** {@code prlimit --cpu=… --fsize=… --as=… --}, or nothing when disabled. */
    List<String> prefix() {
        if (!enabled) {
            return List.of();
        }
        List<String> prefix = new ArrayList<>();
        prefix.add(prlimit);
        // Soft limit SIGXCPU (PROCESSING_TIMEOUT); the hard one, a little later, SIGKILL for a tool that ignores it.
        long cpu = Math.max(1, cpuTime.toSeconds());
        prefix.add("--cpu=" + cpu + ":" + (cpu + CPU_GRACE_SECONDS));
        prefix.add("--fsize=" + fileSize.toBytes());
        prefix.add("--as=" + addressSpace.toBytes());
        prefix.add("--");
        return prefix;
    }
}
