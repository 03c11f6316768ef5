package io.aegis.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchJanitorTest {

    @TempDir
    Path workRoot;

    @Test
    void foldersOfDeadProcessesGoAndThoseOfLiveOnesStay() throws Exception {
        // A process that has ended: its folder, with a half-written step directory inside, is what kill -9 leaves.
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(10, TimeUnit.SECONDS);
        Path dead = stepDirIn(workRoot.resolve("p" + ended.pid() + "-" + ended.info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(1L)));
        // The same pid alive now but started at another time (a reused pid) is not the folder's owner either.
        Path reused = stepDirIn(workRoot.resolve(Scratch.ownerName(ProcessHandle.current()).replaceFirst("-\\d+$", "-1")));
        Path legacy = Files.createDirectories(workRoot.resolve("job-3f2a-123"));
        Path mine = stepDirIn(Scratch.processRoot(workRoot));
        Path unrelated = Files.createDirectories(workRoot.resolve("something-else"));

        var removed = ScratchJanitor.sweep(workRoot);

        assertThat(dead.getParent()).doesNotExist();
        assertThat(reused.getParent()).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(mine).exists();
        assertThat(unrelated).exists();
        assertThat(removed).hasSize(3);
    }

    private static Path stepDirIn(Path processFolder) throws IOException {
        Path step = Files.createDirectories(processFolder.resolve("job-abc-1"));
        Files.writeString(step.resolve("audio-16k.wav"), "half a file");
        return step;
    }
}
