package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aegis.testmedia.TestAudio;
import io.aegis.testmedia.TestImages;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web console in headless Chromium (Debian's chromium driven by playwright-core, src/test/browser): sign-in,
 * upload, live job status, asset view, search and a DLQ redrive, against this running application. Skips when
 * Chromium or Node is missing on a developer machine; fails on CI ({@code CI} set), where make test installs them.
 */
class ConsoleBrowserIT extends PipelineTestSupport {

    static final String SPOKEN = "the quick brown fox jumps over the lazy dog near the river bank";
    private static final Path TESTS = Path.of("src/test/browser");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

    @LocalServerPort
    int port;

    @Autowired
    FaultInjection faults;

    @TempDir
    Path tmp;

    @Test
    void signInUploadWatchLiveViewSearchAndRedriveInARealBrowser() throws Exception {
        requireTools();
        Path image = Files.write(tmp.resolve("console-photo.jpg"), TestImages.jpeg(800, 600));
        Path audio = Files.write(tmp.resolve("console-memo.mp3"), TestAudio.speechMp3(SPOKEN));
        String deadLetterJob = jobWaitingInTheAiDlq();

        Files.createDirectories(SCREENSHOTS);
        Path output = SCREENSHOTS.resolve("node-test-output.txt");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "console.test.mjs")
                .directory(TESTS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        node.environment().putAll(java.util.Map.of(
                "AEGIS_URL", "http://127.0.0.1:" + port,
                "AEGIS_IMAGE", image.toAbsolutePath().toString(),
                "AEGIS_AUDIO", audio.toAbsolutePath().toString(),
                "AEGIS_SPOKEN", SPOKEN,
                "AEGIS_DEAD_LETTER_JOB", deadLetterJob,
                "AEGIS_SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString(),
                "CHROMIUM", CHROMIUM));
        Process process = node.start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(ended).as("browser tests ended within 10 minutes:\n%s", log).isTrue();
        assertThat(process.exitValue()).as("browser tests (node --test) passed:\n%s", log).isZero();
        assertThat(log).as("every browser test ran and passed:\n%s", log).contains("fail 0").containsPattern("pass [1-9]");
    }

    /** A text job whose summarize step keeps failing (fault injection for poison-*), so its message sits in a DLQ. */
    private String jobWaitingInTheAiDlq() {
        String token = localToken();
        faults.switchOn(true);
        try {
            String jobId = uploadAccepted(token, "poison-console.txt",
                    UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
            assertThat(awaitTerminal(token, jobId).path("status").asText()).isEqualTo("FAILED");
            return jobId;
        } finally {
            faults.switchOn(false);
        }
    }

    private static void requireTools() throws Exception {
        List<String> missing = new java.util.ArrayList<>();
        if (!new File(CHROMIUM).canExecute()) {
            missing.add("chromium (" + CHROMIUM + ")");
        }
        for (String command : List.of("node", "npm", "flite", "ffmpeg")) {
            if (!TestAudio.installed(command)) {
                missing.add(command);
            }
        }
        if (!missing.isEmpty()) {
            String why = "browser tests need " + String.join(", ", missing) + ": run make test-deps";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        if (!Files.isDirectory(TESTS.resolve("node_modules/playwright-core"))) {
            // make test-deps runs npm ci; a bare mvn verify does it here.
            // Never inheritIO: the forked test JVM's stdin is surefire's command channel, which npm would read.
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(TESTS.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            Path.of("target", "console-npm-ci.log").toFile())).start();
            npm.getOutputStream().close();
            assertThat(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0).as("npm ci in " + TESTS).isTrue();
        }
    }
}
