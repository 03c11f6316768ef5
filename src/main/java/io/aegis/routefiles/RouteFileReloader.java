package io.aegis.routefiles;

import io.aegis.routefiles.ReloadAttempt.Result;
import io.aegis.routefiles.RouteFilesReport.LoadedFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.aegis.steps.StepCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Applies edits of the routes folder to the running context, one file at a time: a changed or new file is
 * parsed and validated, then only its routes are swapped; a deleted file's routes are removed. A file that
 * fails keeps its previous routes running; the same content is not retried until it changes (or another
 * file loads, which may provide what it was missing). The watcher applies a file only once it settled: not
 * written to for the debounce time and read with the same bytes twice. Every attempt is logged and counted. Files of
 * {@code steps/} declare steps ({@link StepCatalog}): they are applied before the others, and their step is declared
 * once their routes run and withdrawn with them.
 */
@Component
public class RouteFileReloader {

    private static final Logger log = LoggerFactory.getLogger(RouteFileReloader.class);
    private static final String DELETED = "deleted";

    private final CamelContext camel;
    private final RouteFileParser parser;
    private final RouteFileValidator validator;
    private final RouteSwap swap;
    private final MeterRegistry meters;
    private final Path dir;
    private final StepCatalog steps;
    private final Clock clock;

    private final Map<String, LoadedFile> loaded = new TreeMap<>();
    private final Map<String, byte[]> loadedContent = new HashMap<>();
    private final Map<String, String> rejected = new HashMap<>();
    private final Map<String, Instant> missingSince = new HashMap<>();
    private final Map<String, String> lastSeen = new HashMap<>();
    // Files whose route configurations (the error policy) the context loaded at start-up: they stay until a restart.
    private final Set<String> startUpOnly = new TreeSet<>();
    private ReloadAttempt lastReload;
    private boolean inventoried;

    public RouteFileReloader(CamelContext camel, RouteFileParser parser, RouteFileValidator validator, RouteSwap swap,
            MeterRegistry meters, RouteFilesProperties properties) {
        this(camel, parser, validator, swap, meters, properties, null);
    }

    @Autowired
    public RouteFileReloader(CamelContext camel, RouteFileParser parser, RouteFileValidator validator, RouteSwap swap,
            MeterRegistry meters, RouteFilesProperties properties, StepCatalog steps) {
        this.camel = camel;
        this.steps = steps;
        this.parser = parser;
        this.validator = validator;
        this.swap = swap;
        this.meters = meters;
        this.dir = properties.dir().toAbsolutePath().normalize();
        this.clock = Clock.systemUTC();
        // Registered at zero, so an alert on rejected reloads has a series before the first one.
        for (Result result : Result.values()) {
            counter(result);
        }
    }

    /** Applies every change now, retrying content that was refused before (the admin endpoint). */
    public synchronized List<ReloadAttempt> reloadNow() {
        return reload(Duration.ZERO, true);
    }

    /** Applies changes left alone for {@code quiet}; refused content waits for its next change (the watcher). */
    public synchronized List<ReloadAttempt> reloadSettled(Duration quiet) {
        return reload(quiet, false);
    }

    public synchronized RouteFilesReport report() {
        inventory();
        return new RouteFilesReport(List.copyOf(loaded.values()), lastReload);
    }

    /** Largest route file read: a routing table is a few kilobytes. */
    static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final String SYMLINK = "symbolic link";

    private List<ReloadAttempt> reload(Duration quiet, boolean retryRefused) {
        inventory();
        Instant now = clock.instant();
        TreeSet<String> present = routeFilesOnDisk();
        // Step files first: a plan edited in the same reload may name a step they add.
        TreeSet<String> names = new TreeSet<>(STEP_FILES_FIRST);
        names.addAll(present);
        names.addAll(loaded.keySet());
        List<ReloadAttempt> attempts = new ArrayList<>();
        for (String name : names) {
            Path file = dir.resolve(name);
            if (!present.contains(name)) {
                // Some editors delete and rewrite on save: a file counts as deleted once it stayed away.
                Instant since = missingSince.computeIfAbsent(name, n -> now);
                if (loaded.containsKey(name) && settled(since, now, quiet)
                        && (retryRefused || !DELETED.equals(rejected.get(name)))) {
                    attempts.add(remove(name));
                }
                continue;
            }
            missingSince.remove(name);
            // Only plain files of the folder itself: a link could make the app read (and quote in its errors) any file.
            if (Files.isSymbolicLink(file)) {
                if (retryRefused || !SYMLINK.equals(rejected.get(name))) {
                    rejected.put(name, SYMLINK);
                    log.warn("Route file {} is a symbolic link and is not read; its previous routes, if any, keep running", name);
                    attempts.add(record(name, Result.REJECTED, "a symbolic link: route files are read only as plain "
                            + "files of " + dir));
                }
                continue;
            }
            try {
                Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
                if (!settled(modified, now, quiet)) {
                    continue;
                }
                byte[] content = read(file);
                if (!modified.equals(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant())) {
                    continue; // written to while we read it: look again once it settled
                }
                String sha = RouteFileParser.sha256(content);
                LoadedFile current = loaded.get(name);
                if ((current != null && current.sha256().equals(sha)) || (!retryRefused && sha.equals(rejected.get(name)))) {
                    lastSeen.remove(name);
                    continue;
                }
                // The watcher applies content only once two looks in a row read the same bytes.
                if (!retryRefused && !sha.equals(lastSeen.put(name, sha))) {
                    continue;
                }
                lastSeen.remove(name);
                attempts.add(apply(name, file, content, sha));
            } catch (IOException e) {
                // Vanished or unreadable between listing and reading: the next look decides.
                log.debug("Route file {} not readable now: {}", name, e.toString());
            }
        }
        return attempts;
    }

    // O_NOFOLLOW: a file swapped for a link between the check and the read is not followed either.
    private static byte[] read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + " is over " + MAX_FILE_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes((int) MAX_FILE_BYTES + 1);
        }
    }

    private ReloadAttempt apply(String name, Path file, byte[] content, String sha) {
        try {
            ParsedRouteFile parsed = parser.parse(file, content);
            LoadedFile current = loaded.get(name);
            List<String> oldIds = current == null ? List.of() : current.routeIds();
            List<String> problems = validator.problems(parsed, oldIds);
            if (!problems.isEmpty()) {
                throw new RouteFileRejected(String.join("; ", problems));
            }
            byte[] previous = loadedContent.get(name);
            swap.replace(oldIds, parsed.routes(), () -> parser.parse(file, previous).routes());
            declare(name, parsed);
            loaded.put(name, new LoadedFile(name, sha, parsed.routeIds(), clock.instant()));
            loadedContent.put(name, content);
            rejected.clear();
            log.info("Route file {} reloaded: routes {} replace {} (sha256 {})", name, parsed.routeIds(), oldIds, sha);
            return record(name, Result.SUCCESS, null);
        } catch (RouteFileRejected e) {
            rejected.put(name, sha);
            log.warn("Route file {} ({} bytes, sha256 {}) rejected, its previous routes keep running: {}",
                    name, content.length, sha, e.getMessage());
            return record(name, Result.REJECTED, e.getMessage());
        }
    }

    private ReloadAttempt remove(String name) {
        List<String> ids = loaded.get(name).routeIds();
        try {
            if (startUpOnly.contains(name)) {
                throw new RouteFileRejected("it holds a routeConfiguration (the error policy), which is read at start-up "
                        + "only: it keeps applying until a restart");
            }
            List<String> problems = validator.problemsRemoving(name, ids);
            if (!problems.isEmpty()) {
                throw new RouteFileRejected(String.join("; ", problems));
            }
            swap.removeAll(ids);
            declare(name, null);
            loaded.remove(name);
            loadedContent.remove(name);
            rejected.remove(name);
            missingSince.remove(name);
            log.info("Route file {} deleted: routes {} removed", name, ids);
            return record(name, Result.REMOVED, null);
        } catch (RouteFileRejected e) {
            rejected.put(name, DELETED);
            log.warn("Route file {} deleted but its routes {} keep running: {}", name, ids, e.getMessage());
            return record(name, Result.REJECTED, e.getMessage());
        }
    }

    // The step a file declares now (null: none), replacing what it declared before.
    private void declare(String name, ParsedRouteFile parsed) {
        if (steps == null) {
            return;
        }
        steps.declarations().stream().filter(step -> step.file().equals(name))
                .filter(step -> parsed == null || parsed.step() == null || !step.name().equals(parsed.step().name()))
                .forEach(step -> steps.withdraw(step.name()));
        if (parsed != null && parsed.step() != null) {
            steps.declare(parsed.step());
        }
    }

    private ReloadAttempt record(String name, Result result, String error) {
        counter(result).increment();
        lastReload = new ReloadAttempt(name, result, error, clock.instant());
        return lastReload;
    }

    private Counter counter(Result result) {
        return Counter.builder("aegis.route.reloads")
                .description("Attempts to apply an edited, added or deleted route file, by result")
                .tag("result", result.name().toLowerCase(Locale.ROOT))
                .register(meters);
    }

    // The files whose routes the context loaded at start-up, found by the location the routes came from.
    private void inventory() {
        if (inventoried) {
            return;
        }
        inventoried = true;
        Map<String, List<String>> idsByFile = new TreeMap<>();
        ModelCamelContext model = (ModelCamelContext) camel;
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String name = fileInDir(route.getResource());
            if (name != null) {
                idsByFile.computeIfAbsent(name, n -> new ArrayList<>()).add(route.getRouteId());
            }
        }
        // A file of route configurations (the error policy) has no routes, but it was loaded all the same: without it
        // here, its unchanged content would look like a new file and be refused at every start. Camel does not record
        // where a route configuration came from, so a file counts when the context runs every configuration it names.
        for (String name : routeFilesOnDisk()) {
            if (idsByFile.containsKey(name)) {
                continue;
            }
            try {
                List<String> configurations = RouteFileParser.routeConfigurationIds(Files.readAllBytes(dir.resolve(name)));
                if (!configurations.isEmpty()
                        && configurations.stream().allMatch(id -> model.getRouteConfigurationDefinition(id) != null)) {
                    startUpOnly.add(name);
                    idsByFile.put(name, new ArrayList<>());
                }
            } catch (IOException e) {
                log.debug("Route file {} not readable now: {}", name, e.toString());
            }
        }
        Instant now = clock.instant();
        idsByFile.forEach((name, ids) -> {
            try {
                byte[] content = read(dir.resolve(name));
                loaded.put(name, new LoadedFile(name, RouteFileParser.sha256(content), List.copyOf(ids), now));
                loadedContent.put(name, content);
            } catch (IOException e) {
                log.warn("Route file {} was loaded at start-up but cannot be read now: {}", name, e.toString());
            }
        });
        log.info("Watching route files in {}: {}", dir, loaded.keySet());
    }

    private String fileInDir(Resource resource) {
        return fileInDir(dir, resource);
    }

    /**
     * The name of the route file of {@code dir} a route (or route configuration) was loaded from ({@code x.yaml}, or
     * {@code steps/x.yaml} for a step file), or null.
     */
    static String fileInDir(Path dir, Resource resource) {
        if (resource == null || resource.getLocation() == null) {
            return null;
        }
        String location = resource.getLocation();
        location = location.startsWith("file:") ? location.substring("file:".length()) : location;
        Path path = Path.of(location).toAbsolutePath().normalize();
        if (dir.equals(path.getParent())) {
            return path.getFileName().toString();
        }
        return dir.resolve(RouteFilesProperties.STEPS).equals(path.getParent())
                ? RouteFilesProperties.STEPS + "/" + path.getFileName() : null;
    }

    /** Step files ({@code steps/...}) before the others, each group by name. */
    static final Comparator<String> STEP_FILES_FIRST = Comparator
            .comparing((String name) -> !name.startsWith(RouteFilesProperties.STEPS + "/"))
            .thenComparing(Comparator.naturalOrder());

    private TreeSet<String> routeFilesOnDisk() {
        TreeSet<String> names = new TreeSet<>();
        try {
            names.addAll(routeFilesIn(dir, ""));
        } catch (IOException e) {
            // A missing or unreadable folder is not "every file deleted": change nothing.
            log.warn("Routes folder {} cannot be listed: {}", dir, e.toString());
            return new TreeSet<>(loaded.keySet());
        }
        Path stepsDir = dir.resolve(RouteFilesProperties.STEPS);
        if (Files.isSymbolicLink(stepsDir)) {
            log.warn("Steps folder {} is a symbolic link and is not read", stepsDir);
        } else if (Files.isDirectory(stepsDir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                names.addAll(routeFilesIn(stepsDir, RouteFilesProperties.STEPS + "/"));
            } catch (IOException e) {
                log.warn("Steps folder {} cannot be listed: {}", stepsDir, e.toString());
                loaded.keySet().stream().filter(name -> name.startsWith(RouteFilesProperties.STEPS + "/")).forEach(names::add);
            }
        }
        return names;
    }

    /** The route files of {@code folder}, named with {@code prefix}; links too, to be refused by name. */
    static List<String> routeFilesIn(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(f))
                    .map(f -> f.getFileName().toString())
                    .filter(RouteFileNames::isRouteFile).sorted().map(name -> prefix + name).toList();
        }
    }

    private static boolean settled(Instant changedAt, Instant now, Duration quiet) {
        return !changedAt.plus(quiet).isAfter(now);
    }
}
