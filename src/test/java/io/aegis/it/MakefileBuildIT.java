package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `make run` starts at once when the jar is current: the jar is a file target built from pom.xml and src/main only.
 * Runs after `mvn package`, so the jar is newer than every source here; make's what-if ({@code -W}) pretends a file
 * was just edited without touching it.
 */
class MakefileBuildIT {

    private static final String JAR = "target/aegis-0.1.0-SNAPSHOT.jar";
    private static final String CDS_JAR = "target/cds/aegis-0.1.0-SNAPSHOT.jar";
    private static final String CDS_ARCHIVE = "target/cds/aegis.jsa";

    @BeforeAll
    static void makeAndTheJarArePresent() {
        boolean hasMake = Files.isExecutable(Path.of("/usr/bin/make")) || Files.isExecutable(Path.of("/usr/local/bin/make"));
        // CI installs make before anything else (.ci/run): there a missing make is a failure, not a skip.
        assumeTrue(hasMake || System.getenv("CI") != null, "make is not installed");
        assertThat(Path.of(JAR)).as("mvn package made the jar").exists();
    }

    @Test
    void makeRunDoesNotRebuildAJarThatIsCurrent() throws Exception {
        assertThat(make("-q", JAR).exitCode()).as("jar up to date").isZero();
        // The whole command a user types: nothing in it runs Maven (-n prints what would run, runs nothing).
        assertThat(make("-n", "run").output()).doesNotContain("mvn").contains("java ");
    }

    /**
     * Start-up from a class-data-sharing archive: `make cds` (a prerequisite of `make run`) trains it on the current jar
     * for real; the JVM then maps it ({@code -Xshare:on} refuses to start on a missing, stale or mismatched archive), and
     * `make run` neither builds nor trains again but starts from it.
     */
    @Test
    void makeRunStartsFromAClassDataSharingArchiveTrainedOnTheCurrentJar() throws Exception {
        Result training = make(Duration.ofMinutes(10), "cds");
        assertThat(training.exitCode()).as(training.output()).isZero();
        assertThat(Path.of(CDS_ARCHIVE)).as("training log: %s", read(Path.of("target/cds/training.log")))
                .isNotEmptyFile();

        List<String> java = new ArrayList<>(List.of("java"));
        java.addAll(javaOptions());
        java.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + CDS_ARCHIVE, "-cp", CDS_JAR, "-version"));
        Process jvm = new ProcessBuilder(java).redirectErrorStream(true).start();
        jvm.getOutputStream().close();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).as("the JVM maps the archive for the unpacked jar: %s", output).isZero();

        assertThat(make("-n", "run").output()).doesNotContain("mvn").doesNotContain("ArchiveClassesAtExit")
                .contains("-XX:SharedArchiveFile=" + CDS_ARCHIVE).contains("-jar " + CDS_JAR);
    }

    @Test
    void anEditToWhatGoesIntoTheJarRebuildsIt() throws Exception {
        for (String edited : List.of("pom.xml", "src/main/resources/application.yaml",
                "src/main/java/io/aegis/AegisApplication.java", "src/main/resources/static/index.html")) {
            assertThat(make("-q", "-W", edited, JAR).exitCode()).as("after editing %s", edited).isEqualTo(1);
        }
    }

    @Test
    void routesAndTestsAreNotInTheJarSoEditingThemDoesNotRebuild() throws Exception {
        for (String edited : List.of("routes/dispatch-by-media-kind.yaml", "src/test/java/io/aegis/it/MakefileBuildIT.java",
                "README.md")) {
            assertThat(make("-q", "-W", edited, JAR).exitCode()).as("after editing %s", edited).isZero();
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** The JVM options `make run` uses (the Makefile's JAVA_OPTS): the archive must be valid under them. */
    private static List<String> javaOptions() throws IOException {
        Matcher line = Pattern.compile("(?m)^JAVA_OPTS \\?= (.+)$").matcher(read(Path.of("Makefile")));
        assertThat(line.find()).as("JAVA_OPTS in the Makefile").isTrue();
        return List.of(line.group(1).trim().split("\\s+"));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(missing)";
    }

    private static Result make(String... args) throws IOException, InterruptedException {
        return make(Duration.ofSeconds(60), args);
    }

    private static Result make(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory"));
        command.addAll(List.of(args));
        Process make = new ProcessBuilder(command).redirectErrorStream(true).start();
        make.getOutputStream().close();
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(make.waitFor(limit.toSeconds(), TimeUnit.SECONDS)).as("make finished: %s", output).isTrue();
        return new Result(make.exitValue(), output);
    }
}
