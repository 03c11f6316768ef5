package io.aegis.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.testsupport.JarProcesses;
import io.aegis.testsupport.PgliteServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The AWS of make aws-e2e, on loopback: moto ({@code src/test/aws/moto_server.py}, with its gaps closed) with
 * infra/terraform/envs/example applied to it from a scratch copy plus the test-only files of src/test/aws/terraform,
 * and PostgreSQL + pgvector (PGlite over the wire protocol, src/test/pglite) standing in for Aurora. Every wait has a
 * hard bound: an emulator gap makes the provider retry for minutes instead of failing. Missing tools fail the test
 * with the reason; it never passes by skipping.
 */
final class AwsEmulator implements AutoCloseable {

    static final Duration APPLY_TIMEOUT = Duration.ofMinutes(10);
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final String REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final List<Path> PROVIDER_MIRRORS = List.of(Path.of("/opt/tf-plugins"),
            Path.of(System.getProperty("user.home"), ".terraform.d", "plugins"), Path.of("/usr/share/terraform/plugins"));

    private final Path work;
    private final int motoPort = JarProcesses.freePort();
    private final List<Process> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private CompletableFuture<PgliteServer> pglite;
    private Map<String, String> environment;
    private JsonNode credentials;

    private AwsEmulator(Path work) {
        this.work = work;
    }

    /** Starts moto (and PGlite, in the background), after checking every tool is there. */
    static AwsEmulator start(Path work) throws IOException {
        requireTools();
        deleteTree(work);
        Files.createDirectories(work.resolve("logs"));
        AwsEmulator aws = new AwsEmulator(work);
        try {
            aws.startMoto();
            aws.pglite = CompletableFuture.supplyAsync(
                    () -> PgliteServer.start(work.resolve("pglite"), work.resolve("logs/pglite.log")));
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
        return aws;
    }

    String endpoint() {
        return "http://127.0.0.1:" + motoPort;
    }

    String region() {
        return environment.get("AWS_REGION");
    }

    /** app_environment: what Terraform gives every ECS task. */
    Map<String, String> environment() {
        return environment;
    }

    /** e2e_credentials: access key, secret key and policy of a role's user, or of "admin". */
    JsonNode credentials(String who) {
        return credentials.path(who);
    }

    String searchDatabaseUrl() {
        return pglite.join().jdbcUrl();
    }

    /** terraform init + apply of envs/example (scratch copy, moto endpoints), then reads its outputs. */
    void apply() throws IOException {
        Path copy = work.resolve("terraform");
        copyTree(REPO.resolve("infra/terraform"), copy);
        Path env = copy.resolve("envs/example");
        try (Stream<Path> files = Files.list(REPO.resolve("src/test/aws/terraform"))) {
            for (Path file : files.toList()) {
                Files.copy(file, env.resolve(file.getFileName()));
            }
        }
        Path cliConfig = work.resolve("terraform.rc");
        Files.writeString(cliConfig, """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/hashicorp/aws"]
                  }
                  direct { exclude = ["registry.terraform.io/hashicorp/aws"] }
                }
                """.formatted(providerMirror()));
        Map<String, String> tf = Map.of("TF_CLI_CONFIG_FILE", cliConfig.toString(), "TF_IN_AUTOMATION", "1",
                "TF_DATA_DIR", work.resolve("terraform-data").toString(), "CHECKPOINT_DISABLE", "1");
        run(env, tf, Duration.ofMinutes(2), "init", List.of("terraform", "init", "-backend=false", "-input=false", "-no-color"));
        run(env, tf, APPLY_TIMEOUT, "apply", List.of("terraform", "apply", "-auto-approve", "-input=false", "-no-color",
                "-parallelism=20", "-var", "moto_endpoint=" + endpoint(), "-var", "environment=e2e",
                "-var", "region=" + REGION, "-var", "certificate_arn=" + requestCertificate(),
                "-var", "image=aegis:e2e", "-var", "cognito_domain_prefix=aegis-e2e",
                "-var", "deletion_protection=false", "-var", "force_destroy=true"));
        run(env, tf, Duration.ofMinutes(1), "output", List.of("terraform", "output", "-json", "-no-color"));
        JsonNode outputs = JSON.readTree(work.resolve("logs/output.log").toFile());
        environment = new LinkedHashMap<>();
        outputs.path("app_environment").path("value").fields()
                .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        credentials = outputs.path("e2e_credentials").path("value");
    }

    /**
     * The ACM certificate of the ALB's HTTPS listener ({@code certificate_arn} is required), requested from moto's ACM
     * as an operator requests one before the first apply (boto3, which comes with moto). moto's ALB checks it exists.
     */
    private String requestCertificate() {
        List<String> command = List.of("python3", "-c", """
                import sys, boto3
                acm = boto3.client("acm", endpoint_url=sys.argv[1], region_name=sys.argv[2],
                                   aws_access_key_id="e2e-terraform", aws_secret_access_key="e2e-terraform")
                print(acm.request_certificate(DomainName="api.aegis-e2e.example", ValidationMethod="DNS")["CertificateArn"])
                """, endpoint(), REGION);
        try {
            Process process = new ProcessBuilder(command).redirectError(work.resolve("logs/certificate.err").toFile()).start();
            String arn = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0 || !arn.contains(":acm:")) {
                throw new IllegalStateException("no ACM certificate from moto (" + arn + "): see "
                        + work.resolve("logs/certificate.err"));
            }
            return arn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** From now on moto checks every request's signature and its signer's policies (as AWS always does). */
    void enforceIam() {
        send(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset-auth"))
                .POST(HttpRequest.BodyPublishers.ofString("0")).build());
    }

    @Override
    public void close() {
        if (pglite != null) {
            pglite.thenAccept(PgliteServer::close).exceptionally(failed -> null).join();
        }
        servers.forEach(process -> {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        });
    }

    private void startMoto() {
        Process moto = launch("moto", REPO.resolve("src/test/aws"), Map.of("MOTO_IAM_LOAD_MANAGED_POLICIES", "true"),
                List.of("python3", "moto_server.py", Integer.toString(motoPort)));
        awaitUp("moto", moto, () -> send(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/data.json")).build()));
    }

    private Process launch(String name, Path dir, Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("logs/" + name + ".log").toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            servers.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void awaitUp(String name, Process process, Runnable probe) {
        await(name + " up").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .failFast(name + " exited while starting; see " + work.resolve("logs/" + name + ".log"), () -> !process.isAlive())
                .untilAsserted(probe::run);
    }

    private void run(Path dir, Map<String, String> env, Duration bound, String name, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(work.resolve("logs/" + name + ".log").toFile())
                    .redirectError(work.resolve("logs/" + name + ".err").toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("terraform " + name + " still running after " + bound
                        + " (an emulator gap makes the provider retry): see " + work.resolve("logs/" + name + ".log"));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("terraform " + name + " failed: "
                        + Files.readString(work.resolve("logs/" + name + ".err")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** terraform, python3 with moto, node with src/test/pglite installed, the AWS provider mirror: or a clear failure. */
    static void requireTools() {
        List<String> missing = new ArrayList<>();
        if (!succeeds(List.of("terraform", "version"))) {
            missing.add("terraform (1.5+ on PATH)");
        }
        if (!succeeds(List.of("python3", "-c", "import moto.server"))) {
            missing.add("moto 5.x for python3 (moto_server)");
        }
        if (!PgliteServer.installed()) {
            missing.add("PGlite (cd src/test/pglite && npm ci)");
        }
        if (providerMirror() == null) {
            missing.add("the hashicorp/aws provider in a filesystem mirror (AEGIS_TF_PLUGIN_MIRROR or " + PROVIDER_MIRRORS + ")");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("make aws-e2e needs " + String.join(", ", missing));
        }
    }

    private static Path providerMirror() {
        String configured = System.getenv("AEGIS_TF_PLUGIN_MIRROR");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.addAll(PROVIDER_MIRRORS);
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("registry.terraform.io/hashicorp/aws")))
                .findFirst().orElse(null);
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.filter(p -> !p.toString().contains("/.terraform")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
