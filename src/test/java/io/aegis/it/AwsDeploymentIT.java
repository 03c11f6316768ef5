package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.testmedia.TestAudio;
import io.aegis.testmedia.TestImages;
import io.aegis.testmedia.TestPdfs;
import io.aegis.testmedia.TestVideos;
import io.aegis.testsupport.JarProcesses;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * make aws-e2e: the Terraform of infra/terraform/envs/example applied to moto (a local AWS emulator, {@link
 * AwsEmulator}), then Aegis run as the ECS services run it: api, orchestrator, media and ai, one process each, with the
 * environment Terraform gives every task ({@code app_environment}) and credentials carrying exactly their role's
 * policy, under moto's IAM enforcement; search in PostgreSQL + pgvector (PGlite). Every AWS call each process makes is
 * recorded and checked against its role's policy as well ({@link IamPolicyCheck}), since moto checks no conditions
 * and not every service. The roles run without dev mode, as on ECS, so each needs a token issuer: Terraform's is
 * Cognito's user pool, whose issuer URL is real AWS's, so here the issuer they trust is another Aegis process in dev
 * mode on loopback (its dev clients stand for Cognito's app clients). What only real AWS can prove is listed in
 * docs/deploy-aws.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsDeploymentIT {

    static final List<String> ROLES = List.of("api", "orchestrator", "media", "ai");
    static final Set<String> ORCHESTRATOR_STEPS = Set.of("validate", "metadata");
    static final Set<String> AI_STEPS = Set.of("summarize", "analyze-image", "embed");
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
    static final ObjectMapper JSON = new ObjectMapper();

    final Path work = Path.of("target", "aws-e2e").toAbsolutePath();
    final Map<String, AppProcess> apps = new ConcurrentHashMap<>();
    final int issuerPort = JarProcesses.freePort();
    // The local issuer's name is http://localhost:<its port>: the iss claim of its tokens and what the roles trust.
    final String issuerUri = "http://localhost:" + issuerPort;
    AppProcess issuer;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    AwsEmulator aws;
    S3Client adminS3;
    DynamoDbClient adminDynamo;
    SqsClient adminSqs;
    String token;
    // Filled by the first test, read by the later ones.
    final Map<String, JsonNode> finished = new LinkedHashMap<>();

    @BeforeAll
    void deploy() throws Exception {
        aws = AwsEmulator.start(work);
        aws.apply();
        aws.enforceIam();
        adminS3 = S3Client.builder().region(Region.of(aws.region())).credentialsProvider(credentials("admin"))
                .endpointOverride(URI.create(aws.endpoint())).forcePathStyle(true).build();
        adminDynamo = DynamoDbClient.builder().region(Region.of(aws.region())).credentialsProvider(credentials("admin"))
                .endpointOverride(URI.create(aws.endpoint())).build();
        adminSqs = SqsClient.builder().region(Region.of(aws.region())).credentialsProvider(credentials("admin"))
                .endpointOverride(URI.create(aws.endpoint())).build();
        // Terraform gives every task an issuer (required, https): Cognito's user pool, in moto.
        assertThat(aws.environment().get("AEGIS_ISSUER_URI")).startsWith("https://cognito-idp.");
        var issuerStart = CompletableFuture.supplyAsync(this::startIssuer);
        List<CompletableFuture<AppProcess>> starting = ROLES.stream()
                .map(role -> CompletableFuture.supplyAsync(() -> startRole(role, role))).toList();
        issuer = issuerStart.join();
        starting.forEach(CompletableFuture::join);
        token = issuer.token();
    }

    @AfterAll
    void tearDown() {
        apps.values().forEach(AppProcess::close);
        if (issuer != null) {
            issuer.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {adminS3, adminDynamo, adminSqs, aws}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // Best effort: the rest still close.
            }
        }
    }

    @Test
    @Order(1)
    void everyKindOfFileAndEveryWayInSucceedsEachStepInItsRolesProcess() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        var stream = openEventStream(events);
        Path dir = Files.createDirectories(work.resolve("media"));
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("photo", api().upload(token, "photo.jpg", TestImages.jpeg(640, 480)));
        jobs.put("pdf", api().upload(token, "report.pdf",
                TestPdfs.pages("Harbour report", "The harbour cranes were repaired in March after the storm.")));
        jobs.put("text", api().upload(token, "notes.txt",
                "Meeting notes: the orchard needs new irrigation pipes before summer.".getBytes(StandardCharsets.UTF_8)));
        jobs.put("audio", api().upload(token, "memo.wav",
                Files.readAllBytes(TestAudio.speechWav("the weather is fine today", dir))));
        jobs.put("video", api().upload(token, "clip.mp4", TestVideos.silentMp4(2.0, dir)));
        jobs.put("presigned", presignedUpload("large.txt", "Presigned uploads land straight in the bucket."));
        // Drop-in: an object put under inbox/<tenant>/ by anyone allowed to, announced by the bucket's S3 event.
        adminS3.putObject(b -> b.bucket(aws.environment().get("AEGIS_BUCKETS_RAW")).key("inbox/local/dropped.txt"),
                RequestBody.fromString("A file dropped into the inbox by another system."));
        jobs.put("drop-in", awaitJobNamed("dropped.txt"));

        for (var job : jobs.entrySet()) {
            JsonNode done = awaitEnd(job.getValue());
            assertThat(done.path("status").asText()).as("%s: %s", job.getKey(), done).isEqualTo("SUCCEEDED");
            for (JsonNode step : done.path("steps")) {
                String name = step.path("name").asText();
                String role = ORCHESTRATOR_STEPS.contains(name) ? "orchestrator" : AI_STEPS.contains(name) ? "ai" : "media";
                assertThat(step.path("worker").asText()).as("%s step %s", job.getKey(), name)
                        .endsWith(":" + apps.get(role).pid());
            }
            finished.put(job.getKey(), done);
        }
        // The console's stream on the api process showed the workers' steps as they ran: written in the media and
        // ai processes, carried by the SNS topic and this api instance's own queue.
        String pdfJob = jobs.get("pdf");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobEvents(events, pdfJob))
                .anySatisfy(job -> assertThat(step(job, "extract-text").path("status").asText()).isEqualTo("SUCCEEDED"))
                .anySatisfy(job -> assertThat(step(job, "embed").path("worker").asText())
                        .endsWith(":" + apps.get("ai").pid()))
                .last().satisfies(job -> assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED")));
        stream.cancel(true);
    }

    @Test
    @Order(2)
    void searchOnTheApiFindsWhatTheAiProcessEmbedded() {
        JsonNode first = search("harbour cranes repaired").get(0);
        assertThat(first.path("assetId").asText()).isEqualTo(finished.get("pdf").path("assetId").asText());
        // Found by its words too: PostgreSQL's full-text search on the rows the ai process wrote, fused in the api.
        assertThat(first.path("matchedBy")).extracting(JsonNode::asText).contains("words");
        assertThat(first.path("page").asInt()).isEqualTo(1);
        assertThat(first.path("snippet").asText()).contains("harbour cranes were repaired");
        // And the relevance floor holds across processes: nothing in the tenant is about this.
        assertThat(search("knitting a wool sweater")).isEmpty();
    }

    @Test
    @Order(3)
    void aJobCanBeCancelledFromTheApiWhileWorkersRunIt() throws Exception {
        Path dir = Files.createDirectories(work.resolve("media"));
        String jobId = api().upload(token, "long.wav", Files.readAllBytes(TestAudio.speechWav(
                "this recording is long enough to be cancelled while it is being transcribed by the media worker "
                        + "and nobody should wait for it to finish because it will never be needed again", dir)));
        HttpResponse<String> cancel = http.send(HttpRequest.newBuilder(api().uri("/v1/jobs/" + jobId))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(awaitEnd(jobId).path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    @Order(3)
    void deletingAnAssetRemovesEveryVersionOfItsObjectsFromTheVersionedBuckets() throws Exception {
        // Before the policy check below, so the api role's version listing and deletes are checked against its policy.
        String assetId = finished.get("photo").path("assetId").asText();
        String prefix = "local/" + assetId + "/";
        String raw = aws.environment().get("AEGIS_BUCKETS_RAW");
        String processed = aws.environment().get("AEGIS_BUCKETS_PROCESSED");
        // A second version of the original, as an overwrite would leave in a versioned bucket.
        String original = adminS3.listObjectsV2(b -> b.bucket(raw).prefix(prefix)).contents().get(0).key();
        adminS3.putObject(b -> b.bucket(raw).key(original), RequestBody.fromString("an older version"));
        assertThat(adminS3.listObjectVersions(b -> b.bucket(raw).prefix(prefix)).versions()).hasSizeGreaterThan(1);
        assertThat(adminS3.listObjectVersions(b -> b.bucket(processed).prefix(prefix)).versions()).isNotEmpty();

        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(api().uri("/v1/assets/" + assetId))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        for (String bucket : List.of(raw, processed)) {
            var left = adminS3.listObjectVersions(b -> b.bucket(bucket).prefix(prefix));
            assertThat(left.versions()).as("versions left in %s", bucket).isEmpty();
            assertThat(left.deleteMarkers()).as("delete markers left in %s", bucket).isEmpty();
        }
        HttpResponse<String> gone = http.send(HttpRequest.newBuilder(api().uri("/v1/assets/" + assetId))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aCallOutsideARolesPolicyIsDeniedAndEveryCallMadeIsWithinIt() {
        String raw = aws.environment().get("AEGIS_BUCKETS_RAW");
        try (S3Client media = S3Client.builder().region(Region.of(aws.region())).credentialsProvider(credentials("media"))
                .endpointOverride(URI.create(aws.endpoint())).forcePathStyle(true).build();
             DynamoDbClient mediaTables = DynamoDbClient.builder().region(Region.of(aws.region()))
                     .credentialsProvider(credentials("media")).endpointOverride(URI.create(aws.endpoint())).build()) {
            // The media role reads originals but may not write them, nor delete jobs.
            assertThatThrownBy(() -> media.putObject(b -> b.bucket(raw).key("local/x/original/forged.txt"),
                    RequestBody.fromString("forged"))).isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> mediaTables.deleteItem(b -> b.tableName("aegis-jobs")
                    .key(Map.of("jobId", AttributeValue.fromS("any-job")))))
                    .isInstanceOf(DynamoDbException.class)
                    .satisfies(e -> assertThat(((DynamoDbException) e).statusCode()).isEqualTo(403));
        }
        for (String role : ROLES) {
            var check = new IamPolicyCheck(aws.credentials(role).path("policy").asText(), aws.region(),
                    aws.environment().get("AEGIS_AWS_ACCOUNT_ID"));
            Path log = callLog(role);
            assertThat(check.requests(log)).as("calls recorded by %s", role).isNotEmpty();
            assertThat(check.denied(log)).as("calls %s made that its policy does not allow", role).isEmpty();
        }
        // AEGIS_RATE_LIMIT_SHARED (Terraform): the api's rate bucket of each caller (tenant + subject) is an item of the
        // limits table, which every api task draws from.
        var rateBuckets = adminDynamo.scan(b -> b.tableName("aegis-limits").consistentRead(true)).items().stream()
                .map(item -> item.get("limitKey").s()).filter(key -> key.startsWith("rate#")).toList();
        assertThat(rateBuckets).contains("rate#local/aegis-local");
    }

    @Test
    @Order(5)
    void theTestsDevModeIssuerListensOnLoopbackOnlyAndTheApiRunsWithoutDevMode() throws Exception {
        assertThat(DevModeIT.listeningAddresses(List.of(issuer.pid()))).as("ss -ltnp for the issuer process").isNotEmpty()
                .allMatch(address -> address.startsWith("127.0.0.1:"));
        // The api runs as on ECS, not in dev mode: no token endpoint of its own, its console signs in at the issuer.
        HttpResponse<String> ownTokens = http.send(HttpRequest.newBuilder(api().uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=aegis-local"
                        + "&client_secret=aegis-local-secret")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ownTokens.statusCode()).as(ownTokens.body()).isNotEqualTo(200);
        JsonNode console = api().call(HttpRequest.newBuilder(api().uri("/console-config.json")).build());
        assertThat(console.path("devMode").asBoolean()).isFalse();
        assertThat(console.path("issuer").asText()).isEqualTo(issuerUri);
    }

    @Test
    @Order(6)
    void twoOrchestratorsTogetherKeepATenantToItsLimitOfRunningJobs() {
        startRole("orchestrator", "orchestrator-2");
        String other = issuer.token("aegis-other", "aegis-other-secret");
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobIds.add(api().upload(other, "limited-" + i + ".txt",
                    ("Job number " + i + " of a tenant that may run one job at a time.").getBytes(StandardCharsets.UTF_8)));
        }
        List<Instant[]> running = new ArrayList<>();
        for (String jobId : jobIds) {
            JsonNode job = awaitEnd(jobId, other);
            assertThat(job.path("status").asText()).as("%s", job).isEqualTo("SUCCEEDED");
            JsonNode steps = job.path("steps");
            running.add(new Instant[] {Instant.parse(steps.get(0).path("startedAt").asText()),
                    Instant.parse(steps.get(steps.size() - 1).path("finishedAt").asText())});
        }
        // Tenant "other" may run one job at a time (aegis.tenant-jobs.tenants.other=1): no two jobs' runs overlap.
        for (int i = 0; i < running.size(); i++) {
            for (int j = i + 1; j < running.size(); j++) {
                Instant[] a = running.get(i);
                Instant[] b = running.get(j);
                assertThat(a[1].isBefore(b[0]) || b[1].isBefore(a[0])).as("jobs %s and %s ran at once", jobIds.get(i),
                        jobIds.get(j)).isTrue();
            }
        }
    }

    @Test
    @Order(7)
    void aJobWhoseMediaProcessIsKilledMidStepFinishesOnARestartedOne() throws Exception {
        Path dir = Files.createDirectories(work.resolve("media"));
        String jobId = api().upload(token, "interrupted.wav", Files.readAllBytes(TestAudio.speechWav(
                "a worker may die in the middle of a step and the job must still finish on another worker "
                        + "once the lease of the dead one has lapsed and its message is visible again", dir)));
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> "RUNNING".equals(step(api().job(token, jobId), "transcribe").path("status").asText()));
        AppProcess killed = apps.remove("media");
        killed.kill();
        AppProcess restarted = startRole("media", "media");
        JsonNode done = awaitEnd(jobId);
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("SUCCEEDED");
        JsonNode transcribe = step(done, "transcribe");
        assertThat(transcribe.path("worker").asText()).endsWith(":" + restarted.pid());
        assertThat(transcribe.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(8)
    void searchStillFindsTheAssetAfterTheApiAndAiProcessesRestart() {
        List<CompletableFuture<AppProcess>> restarts = List.of("api", "ai").stream()
                .map(role -> CompletableFuture.supplyAsync(() -> {
                    apps.remove(role).terminate(Duration.ofMinutes(3));
                    return startRole(role, role);
                })).toList();
        restarts.forEach(CompletableFuture::join);
        assertThat(searchFirstAsset("harbour cranes repaired")).isEqualTo(finished.get("pdf").path("assetId").asText());
        // The stopped api instance removed its event queue; the new one made its own.
        assertThat(adminSqs.listQueues(b -> b.queueNamePrefix("aegis-job-events-")).queueUrls()).hasSize(1);
    }

    // --- the processes ---

    AppProcess api() {
        return apps.get("api");
    }

    /** One process of {@code role}, set up as its ECS task is (app_environment), pointed at moto and PGlite. */
    AppProcess startRole(String role, String name) {
        Map<String, String> env = new HashMap<>(aws.environment());
        env.put("AEGIS_ROLES", role);
        for (String service : List.of("S3", "SQS", "DYNAMODB", "SNS")) {
            env.put("AEGIS_" + service + "_ENDPOINT", aws.endpoint());
        }
        env.put("AEGIS_AWS_ACCESS_KEY", aws.credentials(role).path("access_key").asText());
        env.put("AEGIS_AWS_SECRET_KEY", aws.credentials(role).path("secret_key").asText());
        env.put("AEGIS_AWS_CALL_LOG", callLog(name).toString());
        // Not in dev mode (as on ECS): tokens of the test's issuer, bound to this API by their audience (Cognito's,
        // which have none, by client id); Cognito sign-in itself is for real AWS to prove (docs/deploy-aws.md).
        env.put("AEGIS_ISSUER_URI", issuerUri);
        env.put("AEGIS_AUDIENCE", "aegis-api");
        env.put("AEGIS_CLIENT_IDS", "");
        env.put("AEGIS_SCOPE_PREFIX", "");
        env.put("AEGIS_TENANT_CLAIM", "tenant");
        // The RDS endpoint stands for Aurora; the test's PostgreSQL + pgvector is PGlite on loopback.
        env.put("AEGIS_SEARCH_DB_URL", aws.searchDatabaseUrl());
        env.put("AEGIS_SEARCH_DB_USER", "postgres");
        env.put("AEGIS_SEARCH_DB_PASSWORD", "postgres");
        env.put("AEGIS_DATA_DIR", work.resolve("data/" + name).toString());
        env.put("AEGIS_WORK_DIR", work.resolve("scratch/" + name).toString());
        Map<String, String> props = new HashMap<>();
        props.put("aegis.queues.wait-time-seconds", "1");
        props.put("aegis.queues.visibility-timeout-seconds", "10");
        props.put("aegis.steps.lease", "5s");
        props.put("aegis.steps.lease-renewal", "1s");
        props.put("aegis.tenant-jobs.tenants.other", "1");
        props.put("aegis.tenant-jobs.retry-delay", "1s");
        props.put("aegis.media.transcribe.chunk-seconds", "4");
        props.put("aegis.media.transcribe.search-seconds", "2");
        props.put("aegis.metrics.queue-depth.interval", "5s");
        AppProcess app = AppProcess.start(name, env, props, List.of("-Xmx384m"));
        apps.put(name, app);
        return app;
    }

    /**
     * The token issuer the roles trust: Aegis in dev mode (its local authorization server and dev clients, on
     * loopback only), none of the worker roles, reading moto as the test's admin for its readiness checks only.
     */
    AppProcess startIssuer() {
        Map<String, String> env = new HashMap<>();
        env.put("AEGIS_DEV_MODE", "true");
        env.put("AEGIS_ROLES", "issuer");
        env.put("AEGIS_AWS_EMBEDDED", "false");
        env.put("AEGIS_CREATE_RESOURCES", "false");
        for (String key : List.of("AWS_REGION", "AEGIS_AWS_ACCOUNT_ID", "AEGIS_BUCKETS_RAW", "AEGIS_BUCKETS_PROCESSED")) {
            env.put(key, aws.environment().get(key));
        }
        for (String service : List.of("S3", "SQS", "DYNAMODB", "SNS")) {
            env.put("AEGIS_" + service + "_ENDPOINT", aws.endpoint());
        }
        env.put("AEGIS_AWS_ACCESS_KEY", aws.credentials("admin").path("access_key").asText());
        env.put("AEGIS_AWS_SECRET_KEY", aws.credentials("admin").path("secret_key").asText());
        env.put("AEGIS_DATA_DIR", work.resolve("data/issuer").toString());
        env.put("AEGIS_WORK_DIR", work.resolve("scratch/issuer").toString());
        return AppProcess.start("issuer", env, Map.of("server.port", Integer.toString(issuerPort)), List.of("-Xmx256m"));
    }

    Path callLog(String name) {
        return work.resolve("calls").resolve(name + ".jsonl");
    }

    StaticCredentialsProvider credentials(String who) {
        JsonNode c = aws.credentials(who);
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(c.path("access_key").asText(),
                c.path("secret_key").asText()));
    }

    // --- the API, as a client uses it ---

    String presignedUpload(String filename, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonNode issued = api().call(HttpRequest.newBuilder(api().uri("/v1/uploads"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"filename\":\"" + filename
                        + "\",\"contentType\":\"text/plain\",\"sizeBytes\":" + bytes.length + "}")).build());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(issued.path("uploadUrl").asText()))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return issued.path("jobId").asText();
    }

    String awaitJobNamed(String filename) {
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode job : api().call(get("/v1/jobs?limit=50", token)).path("items")) {
                if (job.path("filename").asText().equals(filename)) {
                    found[0] = job.path("jobId").asText();
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    JsonNode awaitEnd(String jobId) {
        return awaitEnd(jobId, token);
    }

    JsonNode awaitEnd(String jobId, String bearer) {
        JsonNode[] job = new JsonNode[1];
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
            job[0] = api().job(bearer, jobId);
            return Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job[0].path("status").asText());
        });
        return job[0];
    }

    String searchFirstAsset(String query) {
        JsonNode items = search(query);
        assertThat(items).as("search results for %s", query).isNotEmpty();
        return items.get(0).path("assetId").asText();
    }

    JsonNode search(String query) {
        return api().call(get("/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), token)).path("items");
    }

    HttpRequest get(String path, String bearer) {
        return HttpRequest.newBuilder(api().uri(path)).header("Authorization", "Bearer " + bearer).build();
    }

    CompletableFuture<?> openEventStream(List<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(api().uri("/v1/jobs/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        CompletableFuture<?> stream = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:ready"));
        return stream;
    }

    static List<JsonNode> jobEvents(List<String> lines, String jobId) {
        List<JsonNode> jobs = new ArrayList<>();
        for (String line : List.copyOf(lines)) {
            if (line.startsWith("data:") && line.contains(jobId)) {
                try {
                    jobs.add(JSON.readTree(line.substring("data:".length())));
                } catch (Exception unreadable) {
                    throw new AssertionError(line, unreadable);
                }
            }
        }
        return jobs;
    }

    static JsonNode step(JsonNode job, String name) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("name").asText().equals(name)) {
                return step;
            }
        }
        return JSON.createObjectNode();
    }
}
