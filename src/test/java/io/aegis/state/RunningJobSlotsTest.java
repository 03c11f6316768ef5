package io.aegis.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningJobSlotsTest {

    @Test
    void theWaitingListSortsPriorityJobsFirstThenOldestFirstAndNamesEachJob() {
        Instant t = Instant.parse("2026-12-07T07:00:00Z");
        Job newer = job("b-newer", false, t.plusMillis(1));
        Job older = job("z-older", false, t);
        Job ancient = job("y-ancient", false, Instant.parse("2001-09-09T01:46:39Z")); // 12 digits of epoch ms
        Job urgent = job("c-urgent", true, t.plusSeconds(60));
        List<String> entries = new ArrayList<>(List.of(RunningJobSlots.waitingEntry(newer),
                RunningJobSlots.waitingEntry(urgent), RunningJobSlots.waitingEntry(older),
                RunningJobSlots.waitingEntry(ancient)));

        entries.sort(null);

        assertThat(entries.stream().map(RunningJobSlots::jobIdOf))
                .containsExactly("c-urgent", "y-ancient", "z-older", "b-newer");
    }

    private static Job job(String id, boolean priority, Instant createdAt) {
        return Job.queued(id, "t", "a-" + id, "f.txt", 1, "t/a/original/f.txt", priority, List.of("validate"), createdAt);
    }
}
