package io.aegis.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the Dockerfile cannot be run here (no Docker engine), so they are checked against
 * what the app reads and what the Makefile installs: a mistyped variable or a missing tool fails the build.
 */
class ContainerConfigTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    private final String applicationYaml = read("src/main/resources/application.yaml");
    private final Map<String, Object> compose = new Yaml().load(read("docker-compose.yml"));
    private final String dockerfile = read("Dockerfile");

    @Test
    void everyAppVariableTheComposeFileSetsIsOneTheApplicationReads() {
        List<String> placeholders = placeholdersOf(applicationYaml);
        assertThat(placeholders).contains("AEGIS_ROLES", "AEGIS_AWS_EMBEDDED", "AEGIS_S3_ENDPOINT");
        Map<String, Map<String, Object>> apps = appServices();
        assertThat(apps).containsKeys("aegis", "media-worker");
        apps.forEach((service, definition) -> {
            Map<String, String> env = environmentOf(definition);
            assertThat(env).as(service).isNotEmpty();
            env.keySet().stream()
                    .filter(name -> name.startsWith("AEGIS_") || name.startsWith("AWS_"))
                    .forEach(name -> assertThat(placeholders)
                            .as("%s sets %s, which application.yaml never reads", service, name)
                            .contains(name));
        });
    }

    @Test
    void theAppTalksToTheEmulatorContainersNotToItsEmbeddedServers() {
        Map<String, Object> services = section(compose, "services");
        appServices().forEach((service, definition) -> {
            Map<String, String> env = environmentOf(definition);
            assertThat(env).as(service).containsEntry("AEGIS_AWS_EMBEDDED", "false");
            for (String endpoint : List.of("AEGIS_S3_ENDPOINT", "AEGIS_SQS_ENDPOINT", "AEGIS_DYNAMODB_ENDPOINT")) {
                String host = env.get(endpoint).replaceFirst("^https?://", "").replaceFirst(":.*$", "");
                assertThat(services).as("%s: %s points at %s", service, endpoint, host).containsKey(host);
            }
        });
        // Only one process creates the resources; the split worker finds them.
        assertThat(environmentOf(appServices().get("aegis"))).containsEntry("AEGIS_CREATE_RESOURCES", "true");
        assertThat(environmentOf(appServices().get("media-worker")))
                .containsEntry("AEGIS_CREATE_RESOURCES", "false").containsEntry("AEGIS_ROLES", "media");
    }

    @Test
    void everyPublishedPortIsOnTheHostsLoopbackOnly() {
        section(compose, "services").forEach((service, definition) -> {
            Object ports = cast(definition).get("ports");
            if (ports == null) {
                return;
            }
            assertThat(ports).as(service).isInstanceOf(List.class);
            for (Object port : (List<?>) ports) {
                String hostIp = port instanceof Map<?, ?> longSyntax ? String.valueOf(longSyntax.get("host_ip"))
                        : String.valueOf(port).split(":").length == 3 ? String.valueOf(port).split(":")[0] : "";
                assertThat(hostIp).as("%s publishes %s on every interface", service, port).isEqualTo("127.0.0.1");
            }
        });
    }

    @Test
    void eachAppServiceHasAnIssuerOrDevModeAndTheImageNeverTurnsDevModeOnItself() {
        appServices().forEach((service, definition) -> {
            Map<String, String> env = environmentOf(definition);
            boolean devMode = "true".equals(env.get("AEGIS_DEV_MODE"));
            boolean issuer = !env.getOrDefault("AEGIS_ISSUER_URI", "").isBlank();
            assertThat(devMode ^ issuer).as("%s: exactly one of dev mode and an issuer, or the app refuses to start",
                    service).isTrue();
        });
        // Continuation lines joined, so an ENV spread over several lines is one instruction.
        assertThat(dockerfile.replace("\\\n", " ")).as("the image itself never turns dev mode on")
                .doesNotContainPattern("(?m)^\\s*(ENV|ARG)\\s[^\\n]*AEGIS_DEV");
    }

    @Test
    void theImageIsMultiStageAndRunsAsAnUnprivilegedUser() {
        String runtime = finalStage();
        assertThat(dockerfile.split("(?m)^FROM ")).as("build and runtime stages").hasSizeGreaterThanOrEqualTo(3);
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(runtime);
        String lastUser = null;
        while (user.find()) {
            lastUser = user.group(1);
        }
        assertThat(lastUser).as("final stage USER").isNotNull().isNotIn("root", "0", "0:0", "root:root");
        assertThat(runtime).contains("useradd").contains("COPY --from=build").contains("COPY routes routes");
        assertThat(runtime).containsPattern("HEALTHCHECK[^\\n]*(\\\\\\n[^\\n]*)*/actuator/health/liveness");
        String jar = "target/" + tag(read("pom.xml"), "artifactId") + "-" + tag(read("pom.xml"), "version") + ".jar";
        assertThat(runtime).as("copies the jar the pom builds").contains(jar);
    }

    @Test
    void theImageInstallsEveryToolTheMakefileInstalls() {
        Matcher line = Pattern.compile("(?m)^DEBIAN_PACKAGES\\s*:=\\s*(.+)$").matcher(read("Makefile"));
        assertThat(line.find()).isTrue();
        List<String> packages = Arrays.asList(line.group(1).trim().split("\\s+"));
        assertThat(packages).contains("ffmpeg", "pocketsphinx", "tesseract-ocr");
        List<String> installed = aptInstalled(finalStage());
        assertThat(installed).containsAll(packages);
    }

    @Test
    void theEmbeddedDynamoDbIsDynaliteFromTheLockfileNotDynamoDbLocal() {
        // The image carries Node and the pinned dynalite where aegis.embedded.dynamodb-server expects them.
        assertThat(dockerfile).contains("COPY embedded-dynamodb/package.json embedded-dynamodb/package-lock.json")
                .contains("npm ci");
        assertThat(finalStage()).contains("/usr/local/bin/node").contains("COPY --from=dynamodb /embedded-dynamodb embedded-dynamodb");
        assertThat(applicationYaml).contains("embedded-dynamodb/server.js");
        // Nothing under the vendor's licence in the image, the compose file or the jar's dependencies.
        assertThat(read("docker-compose.yml").toLowerCase()).doesNotContain("dynamodb-local").doesNotContain("dynamodblocal");
        assertThat(read("pom.xml")).doesNotContain("DynamoDBLocal").doesNotContain("<artifactId>pinpoint</artifactId>")
                .doesNotContain("cognitoidentity");
        assertThat(read("embedded-dynamodb/package-lock.json")).contains("\"node_modules/dynalite\"")
                .contains("\"version\": \"4.0.0\"");
    }

    private Map<String, Map<String, Object>> appServices() {
        Map<String, Map<String, Object>> apps = new LinkedHashMap<>();
        section(compose, "services").forEach((name, definition) -> {
            Map<String, Object> service = cast(definition);
            if (service.containsKey("build")) {
                apps.put(name, service);
            }
        });
        return apps;
    }

    private static Map<String, String> environmentOf(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        } else if (raw instanceof List<?> list) {
            list.forEach(item -> {
                String[] kv = String.valueOf(item).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        }
        return env;
    }

    private String finalStage() {
        return dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    }

    /** Package names of every apt-get install in a Dockerfile stage (continuation lines joined). */
    private static List<String> aptInstalled(String stage) {
        List<String> packages = new ArrayList<>();
        Matcher install = Pattern.compile("apt-get install([^&;]*)").matcher(stage.replace("\\\n", " "));
        while (install.find()) {
            Arrays.stream(install.group(1).trim().split("\\s+"))
                    .filter(word -> !word.startsWith("-") && !word.isBlank())
                    .forEach(packages::add);
        }
        return packages;
    }

    private static List<String> placeholdersOf(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String tag(String pom, String name) {
        // The project's own coordinates: the first tag after </parent>.
        String project = pom.substring(pom.indexOf("</parent>"));
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(project);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1).trim();
    }

    private static Map<String, Object> section(Map<String, Object> yaml, String key) {
        return cast(yaml.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
