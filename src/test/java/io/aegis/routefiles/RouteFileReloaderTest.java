package io.aegis.routefiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.routefiles.ReloadAttempt.Result;
import io.aegis.routefiles.RouteFilesReport.LoadedFile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reloader's view of the routes folder as the app loaded it at start-up, the real route files included: the
 * error policy (a route configuration, no routes) is a file the app runs, not an edit waiting to be applied.
 */
class RouteFileReloaderTest {

    private static final String POLICY = "error-policy.yaml";
    private static final String SIZES = "thumbnail-sizes.yaml";

    @TempDir
    Path dir;

    private DefaultCamelContext camel;
    private SimpleMeterRegistry meters;
    private RouteFileReloader reloader;

    @BeforeEach
    void startLikeTheAppWithTheRepositorysRouteFiles() throws Exception {
        for (String name : List.of(POLICY, SIZES)) {
            Files.copy(Path.of("routes", name), dir.resolve(name));
        }
        camel = new DefaultCamelContext();
        // What camel.main.routes-include-pattern does at start-up, file by file.
        for (String name : List.of(POLICY, SIZES)) {
            PluginHelper.getRoutesLoader(camel)
                    .loadRoutes(ResourceHelper.resolveResource(camel, "file:" + dir.resolve(name).toAbsolutePath()));
        }
        camel.start();
        var properties = new RouteFilesProperties(dir, true, Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(5), null, null);
        meters = new SimpleMeterRegistry();
        reloader = new RouteFileReloader(camel, new RouteFileParser(camel), new RouteFileValidator(camel, RouteFilePolicyTest.policy(camel)),
                new RouteSwap(camel, properties), meters, properties);
        reloader.report(); // what RouteFolderWatcher does once the app is ready: record what start-up loaded
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void theFilesLoadedAtStartUpAreNoEditsAndNothingIsCounted() {
        // The watcher's looks (it applies content seen twice), then the admin endpoint's reload.
        assertThat(reloader.reloadSettled(Duration.ZERO)).isEmpty();
        assertThat(reloader.reloadSettled(Duration.ZERO)).isEmpty();
        assertThat(reloader.reloadNow()).isEmpty();

        for (Result result : Result.values()) {
            assertThat(reloads(result)).as(result.name()).isZero();
        }
        RouteFilesReport report = reloader.report();
        assertThat(report.lastReload()).isNull();
        assertThat(report.files()).extracting(LoadedFile::file).containsExactly(POLICY, SIZES);
        assertThat(report.files()).filteredOn(file -> file.file().equals(POLICY))
                .singleElement().satisfies(policy -> assertThat(policy.routeIds()).isEmpty());
    }

    @Test
    void anEditedErrorPolicyIsRefusedOnceAsReadAtStartUpOnly() throws Exception {
        Files.writeString(dir.resolve(POLICY), Files.readString(dir.resolve(POLICY))
                .replace("{{aegis.retry.transcribe.max-redeliveries:1}}", "{{aegis.retry.transcribe.max-redeliveries:2}}"));

        List<ReloadAttempt> attempts = reloader.reloadNow();

        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.file()).isEqualTo(POLICY);
            assertThat(attempt.result()).isEqualTo(Result.REJECTED);
            assertThat(attempt.error()).contains("read at start-up only");
        });
        assertThat(reloads(Result.REJECTED)).isEqualTo(1);
        // The watcher does not retry the same refused content.
        assertThat(reloader.reloadSettled(Duration.ZERO)).isEmpty();
        assertThat(reloader.reloadSettled(Duration.ZERO)).isEmpty();
        assertThat(reloads(Result.REJECTED)).isEqualTo(1);
    }

    @Test
    void aDeletedErrorPolicyKeepsApplyingUntilARestart() throws Exception {
        Files.delete(dir.resolve(POLICY));

        List<ReloadAttempt> attempts = reloader.reloadNow();

        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.result()).isEqualTo(Result.REJECTED);
            assertThat(attempt.error()).contains("read at start-up only");
        });
        assertThat(reloads(Result.REMOVED)).isZero();
        assertThat(camel.getRouteConfigurationDefinition("step-errors")).isNotNull();
        assertThat(reloader.report().files()).extracting(LoadedFile::file).contains(POLICY);
        assertThat(reloader.reloadSettled(Duration.ZERO)).isEmpty();
    }

    private double reloads(Result result) {
        return meters.get("aegis.route.reloads").tag("result", result.name().toLowerCase(Locale.ROOT)).counter().count();
    }
}
