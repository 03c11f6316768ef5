package io.aegis.media;

import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Start-up after a crash: removes the step directories a killed process left in {@code aegis.media.work-dir}
 * (a {@code kill -9} runs no clean-up). Each process keeps its directories in its own folder ({@link Scratch}); a
 * folder whose process is no longer alive (that pid, that start time) goes, with everything in it, as do step
 * directories of the layout before per-process folders. Folders of processes still alive are left alone, so workers
 * sharing a machine do not clear each other's steps. Runs before the queue consumers start.
 */
@Component
public class ScratchJanitor {

    private static final Logger log = LoggerFactory.getLogger(ScratchJanitor.class);
    private static final Pattern OWNER = Pattern.compile("p(\\d+)-(\\d+)");

    private final Path workRoot;

    public ScratchJanitor(MediaProperties media) {
        this.workRoot = media.workDir();
    }

    @PostConstruct
    void removeLeftovers() {
        List<Path> removed = sweep(workRoot);
        if (!removed.isEmpty()) {
            log.info("removed {} scratch folder(s) left by processes that died: {}", removed.size(), removed);
        }
    }

    /** A clean stop removes this process's (by now empty) folder too. */
    @jakarta.annotation.PreDestroy
    void removeOwnFolder() {
        try {
            Scratch.delete(Scratch.processRoot(workRoot));
        } catch (RuntimeException e) {
            log.debug("could not remove {}: {}", Scratch.processRoot(workRoot), e.toString());
        }
    }

    /** Deletes what dead processes left under {@code workRoot}; answers what went. */
    static List<Path> sweep(Path workRoot) {
        if (!Files.isDirectory(workRoot)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(workRoot)) {
            List<Path> dead = entries.filter(ScratchJanitor::leftBehind).toList();
            for (Path folder : dead) {
                try {
                    Scratch.delete(folder);
                } catch (RuntimeException e) {
                    log.warn("could not remove {}: {}", folder, e.toString());
                }
            }
            return dead;
        } catch (IOException e) {
            log.warn("could not look for scratch left-overs in {}: {}", workRoot, e.toString());
            return List.of();
        }
    }

    private static boolean leftBehind(Path entry) {
        String name = entry.getFileName().toString();
        if (name.startsWith("job-")) {
            return true; // a step directory of the layout before per-process folders
        }
        Matcher owner = OWNER.matcher(name);
        if (!owner.matches()) {
            return false; // not ours
        }
        long pid = Long.parseLong(owner.group(1));
        return ProcessHandle.of(pid).map(process -> !Scratch.ownerName(process).equals(name)).orElse(true);
    }
}
