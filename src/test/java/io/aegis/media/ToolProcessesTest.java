package io.aegis.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: a job's tools are found by its scratch directories, and only its own are stopped. */
class ToolProcessesTest {

    @TempDir
    Path root;

    private final ToolProcesses tools = new ToolProcesses();
    private Process mine;
    private Process other;

    @AfterEach
    void cleanUp() {
        for (Process process : new Process[] {mine, other}) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void stopsTheToolsRunningInOrOnAJobsScratchDirectoryAndNoOthers() throws Exception {
        String job = UUID.randomUUID().toString();
        String otherJob = UUID.randomUUID().toString();
        Path jobDir = Files.createTempDirectory(root, Scratch.prefixFor(job));
        Path otherDir = Files.createTempDirectory(root, Scratch.prefixFor(otherJob));
        // One tool names its input file, the other only runs inside its directory.
        Path input = Files.writeString(jobDir.resolve("input.wav"), "RIFF");
        mine = new ProcessBuilder("tail", "-f", input.toString()).start();
        other = new ProcessBuilder("sleep", "30").directory(otherDir.toFile()).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> tools.of(job).size() == 1 && tools.of(otherJob).size() == 1);
        assertThat(tools.stop(job)).isEqualTo(1);

        assertThat(mine.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(other.isAlive()).isTrue();
        assertThat(tools.of(job)).isEmpty();
        assertThat(tools.of("not-a-job-id")).as("no prefix to look for, nothing found").isEmpty();
    }
}
