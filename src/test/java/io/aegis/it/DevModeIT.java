package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.testsupport.JarProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Dev mode is explicit and loopback-only, proven on the packaged jar: without an issuer and without dev mode it
 * refuses to start and names both settings; in dev mode every port the process listens on (the API, the embedded
 * S3, SQS and DynamoDB) is bound to 127.0.0.1, as {@code ss -ltnp} shows; and the dev signing key kept under the
 * data folder keeps a dev token valid across a restart.
 */
class DevModeIT {

    @Test
    void withNeitherAnIssuerNorDevModeTheJarRefusesToStartAndNamesTheSettings() {
        try (AppProcess app = AppProcess.launch("no-issuer", Map.of("aegis.dev.mode", "false",
                "aegis.security.issuer-uri", ""), List.of("-Xmx256m"))) {
            int exit = app.awaitExit(Duration.ofMinutes(2));
            String output = app.logText();
            assertThat(exit).as(output).isNotZero();
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("AEGIS_ISSUER_URI").contains("AEGIS_DEV_MODE=true");
            // Refused before anything listens: no embedded server was started.
            assertThat(output).doesNotContain("Embedded S3");
        }
    }

    @Test
    void inDevModeEveryPortTheAppOpensIsOnLoopbackAndDevTokensSurviveARestart() throws Exception {
        Path data = Files.createDirectories(Path.of("target", "test-data", "dev-mode-" + UUID.randomUUID()));
        Map<String, String> properties = Map.of(
                // The same port after the restart: the local issuer's name (http://localhost:<port>) is in the token.
                "server.port", Integer.toString(JarProcesses.freePort()),
                "aegis.embedded.data-dir", data.toString(),
                "aegis.media.work-dir", data.resolve("work").toString(),
                "aegis.embedded.s3-port", Integer.toString(JarProcesses.freePort()),
                "aegis.embedded.sqs-port", Integer.toString(JarProcesses.freePort()),
                "aegis.embedded.dynamodb-port", Integer.toString(JarProcesses.freePort()),
                // Even asked to listen everywhere, dev mode keeps the embedded servers on loopback.
                "aegis.embedded.bind-address", "0.0.0.0",
                "aegis.queues.wait-time-seconds", "1");
        String token;
        try (AppProcess app = AppProcess.start("dev-mode", properties, List.of("-Xmx384m"))) {
            // The app and what it started: the embedded DynamoDB (dynalite) is a child process.
            List<Long> pids = new ArrayList<>(List.of(app.pid()));
            app.children().forEach(child -> pids.add(child.pid()));
            List<String> listening = listeningAddresses(pids);
            assertThat(listening).as("ss -ltnp for pids %s", pids).contains(
                    "127.0.0.1:" + app.port(),
                    "127.0.0.1:" + properties.get("aegis.embedded.s3-port"),
                    "127.0.0.1:" + properties.get("aegis.embedded.sqs-port"),
                    "127.0.0.1:" + properties.get("aegis.embedded.dynamodb-port"));
            assertThat(listening).as("every listening socket of the app").allMatch(address -> address.startsWith("127.0.0.1:"));
            token = app.token();
            assertThat(app.status(token, "/v1/jobs")).isEqualTo(200);
            assertThat(app.terminate(Duration.ofMinutes(2))).isIn(0, 143);
        }
        try (AppProcess again = AppProcess.start("dev-mode-restarted", properties, List.of("-Xmx384m"))) {
            assertThat(again.status(token, "/v1/jobs")).as("a token from before the restart").isEqualTo(200);
        }
    }

    /** Local addresses of the TCP sockets any of {@code pids} listens on, from {@code ss -ltnp} (iproute2). */
    static List<String> listeningAddresses(List<Long> pids) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-H", "-ltnp").redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor()).as(output).isZero();
        List<String> addresses = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (pids.stream().noneMatch(pid -> line.contains("pid=" + pid + ","))) {
                continue;
            }
            // State Recv-Q Send-Q Local:Port Peer:Port Process
            String[] columns = line.trim().split("\\s+");
            addresses.add(normalise(columns[3]));
        }
        return addresses;
    }

    // ss writes IPv4 on a dual-stack socket as [::ffff:127.0.0.1]:port; everything-addresses as 0.0.0.0 / [::] / *.
    private static String normalise(String address) {
        Matcher mapped = Pattern.compile("^\\[::ffff:([0-9.]+)]:(\\d+)$").matcher(address);
        return mapped.matches() ? mapped.group(1) + ":" + mapped.group(2) : address;
    }
}
