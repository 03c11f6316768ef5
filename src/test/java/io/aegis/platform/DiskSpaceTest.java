package io.aegis.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;

class DiskSpaceTest {

    @TempDir
    Path dir;

    @Test
    void belowTheMinimumFreeSpaceReadinessIsDownAndUploadsFindNoRoom() {
        long free = dir.toFile().getUsableSpace();
        var starved = new DiskSpace(Map.of("uploads", dir), free + 1024L * 1024 * 1024);
        assertThat(starved.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(starved.hasRoomFor(1)).isFalse();
    }

    @Test
    void withRoomToSpareItIsUpAndAnUploadThatWouldCrossTheLineIsRefused() {
        long free = dir.toFile().getUsableSpace();
        // A line of 1 GB: other processes on the machine may free some disk between two reads, never that much.
        long line = 1024L * 1024 * 1024;
        var disk = new DiskSpace(Map.of("uploads", dir, "not-made-yet", dir.resolve("a/b/c")), line);
        assertThat(disk.health().getStatus()).isEqualTo(Status.UP);
        assertThat(disk.health().getDetails()).containsKeys("uploads", "not-made-yet");
        assertThat(disk.hasRoomFor(1024)).isTrue();
        assertThat(disk.hasRoomFor(free)).isFalse();
    }
}
