package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.manage.RetentionSweeper;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.AssetStore;
import io.aegis.state.Insights;
import io.aegis.testmedia.TestPdfs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deleting an asset, retention, and reprocessing, through the API of the running application: what is left in S3,
 * DynamoDB and the search index afterwards, and what a reader sees while a reprocessing job runs.
 */
class AssetLifecycleIT extends PipelineTestSupport {

    @Autowired
    S3Client s3;

    @Autowired
    ResourceNames names;

    @Autowired
    ProducerTemplate camel;

    @Autowired
    FaultInjection faults;

    @Autowired
    AssetStore assets;

    @Test
    void deletingAnAssetLeavesNoObjectJobItemOrSearchHitBehind() {
        String token = localToken();
        String words = "Quarterly lighthouse maintenance schedule for the northern coastal beacons. "
                + "The lighthouse keepers replace lamps and lenses every spring.";
        // A PDF: its page text and extracted text land in the processed bucket, its chunks in the search index.
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "lighthouse.pdf", TestPdfs.pages("Lighthouses", words)));
        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        String assetId = job.path("assetId").asText();
        String prefix = "local/" + assetId + "/";
        assertThat(keys(names.buckets().raw(), prefix)).isNotEmpty();
        assertThat(keys(names.buckets().processed(), prefix)).isNotEmpty();
        assertThat(searchHits(token, "lighthouse keepers lamps")).contains(assetId);

        // Another tenant cannot delete it.
        assertThat(delete(token("aegis-other", READ_WRITE), "/v1/assets/" + assetId).getStatusCode().value())
                .isEqualTo(404);

        ResponseEntity<String> deleted = delete(token, "/v1/assets/" + assetId);
        assertThat(deleted.getStatusCode().value()).isEqualTo(204);
        assertThat(get(token, "/v1/assets/" + assetId).getStatusCode().value()).isEqualTo(404);
        assertThat(get(token, "/v1/jobs/" + job.path("jobId").asText()).getStatusCode().value()).isEqualTo(404);
        assertThat(keys(names.buckets().raw(), prefix)).isEmpty();
        assertThat(keys(names.buckets().processed(), prefix)).isEmpty();
        assertThat(searchHits(token, "lighthouse keepers lamps")).doesNotContain(assetId);
        assertThat(getJson(token, "/v1/jobs?limit=100").path("items").findValuesAsText("assetId")).doesNotContain(assetId);
        // Gone is gone: a second delete is a 404.
        assertThat(delete(token, "/v1/assets/" + assetId).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void retentionDeletesTheTenantsOlderAssetsByTheSamePath() {
        String retained = token("aegis-retained", READ_WRITE);
        String local = localToken();
        JsonNode old = awaitTerminal(retained, uploadAccepted(retained, "old.txt",
                "An old note about harbour tides and moorings.".getBytes(StandardCharsets.UTF_8)));
        JsonNode kept = awaitTerminal(local, uploadAccepted(local, "kept.txt",
                "A note of another tenant about harbour tides.".getBytes(StandardCharsets.UTF_8)));
        String oldAsset = old.path("assetId").asText();

        // Today nothing is a day old: the sweep deletes nothing.
        camel.requestBodyAndHeader("direct:retention-sweep", null, RetentionSweeper.NOW, Instant.now());
        assertThat(get(retained, "/v1/assets/" + oldAsset).getStatusCode().value()).isEqualTo(200);

        // Two days on, tenant "retained" (1 day) loses it; tenant "local" (no retention) keeps its asset.
        camel.requestBodyAndHeader("direct:retention-sweep", null, RetentionSweeper.NOW,
                Instant.now().plus(Duration.ofDays(2)));
        assertThat(get(retained, "/v1/assets/" + oldAsset).getStatusCode().value()).isEqualTo(404);
        assertThat(get(retained, "/v1/jobs/" + old.path("jobId").asText()).getStatusCode().value()).isEqualTo(404);
        assertThat(keys(names.buckets().raw(), "retained/" + oldAsset + "/")).isEmpty();
        assertThat(keys(names.buckets().processed(), "retained/" + oldAsset + "/")).isEmpty();
        assertThat(get(local, "/v1/assets/" + kept.path("assetId").asText()).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aReprocessedAssetKeepsItsOldSummaryUntilTheNewJobSucceeds() {
        String token = localToken();
        JsonNode first = awaitTerminal(token, uploadAccepted(token, "hold-reprocess.txt",
                // Long enough to be summarised (a text under 25 words is shown whole, not summarised).
                ("Volcanoes erupt when magma rises through the crust. Ash clouds disrupt flights across the region. "
                        + "Geologists monitor tremors to predict eruptions. Lava flows cool into new rock along the "
                        + "slopes of the mountain.").getBytes(StandardCharsets.UTF_8)));
        assertThat(first.path("status").asText()).isEqualTo("SUCCEEDED");
        String assetId = first.path("assetId").asText();
        JsonNode before = getJson(token, "/v1/assets/" + assetId);
        String oldSummary = before.path("insights").path("summary").path("text").asText();
        assertThat(oldSummary).contains("magma");

        // The stored original changes; the reprocessing job's summarize step is held before it runs.
        s3.putObject(b -> b.bucket(names.buckets().raw()).key(rawKey(assetId)), RequestBody.fromString("Glaciers carve valleys as the ice moves slowly "
                + "downhill. Meltwater feeds rivers in summer. Climbers cross crevasses with ropes. Snow falls on the "
                + "high peaks every winter and slowly turns to ice.",
                StandardCharsets.UTF_8));
        faults.hold();
        try {
            ResponseEntity<String> accepted = post(token, "/v1/assets/" + assetId + "/reprocess", "");
            assertThat(accepted.getStatusCode().value()).isEqualTo(202);
            String newJob = read(accepted.getBody()).path("jobId").asText();
            assertThat(newJob).isNotEqualTo(first.path("jobId").asText());
            // A second reprocess while this one runs is refused.
            assertThat(post(token, "/v1/assets/" + assetId + "/reprocess", "").getStatusCode().value()).isEqualTo(409);
            awaitJob(token, newJob, job -> "RUNNING".equals(stepStatus(job, "summarize")));

            // Even a step that already recorded a new summary shows nothing until the job has succeeded.
            assets.update(assetId, a -> a.withInsights(a.insights().withSummary(
                    new Insights.Summary("half-way summary", "offline", "test"))));
            JsonNode during = getJson(token, "/v1/assets/" + assetId);
            assertThat(during.path("insights").path("summary").path("text").asText()).isEqualTo(oldSummary);
            assertThat(during.path("reprocessing").path("jobId").asText()).isEqualTo(newJob);

            faults.release();
            assertThat(awaitTerminal(token, newJob).path("status").asText()).isEqualTo("SUCCEEDED");
            JsonNode after = getJson(token, "/v1/assets/" + assetId);
            assertThat(after.path("insights").path("summary").path("text").asText()).contains("Glaciers")
                    .doesNotContain("magma");
            assertThat(after.path("reprocessing").isNull() || after.path("reprocessing").isMissingNode()).isTrue();
            assertThat(after.path("jobId").asText()).isEqualTo(newJob);
            JsonNode versions = after.path("versions");
            assertThat(versions).hasSize(2);
            assertThat(versions.get(1).path("jobId").asText()).isEqualTo(newJob);
            assertThat(versions.get(1).path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(texts(versions.get(1).path("plan"))).containsSubsequence("validate", "metadata", "summarize", "embed");
            assertThat(versions.get(1).path("models").path("summary").asText()).startsWith("offline");
            assertThat(versions.get(0).path("jobId").asText()).isEqualTo(first.path("jobId").asText());
        } finally {
            faults.release();
        }
    }

    @Test
    void aReprocessingThatEndsWithoutSuccessPutsTheKeptInsightsBack() {
        String token = localToken();
        JsonNode first = awaitTerminal(token, uploadAccepted(token, "hold-cancelled.txt",
                ("Bees pollinate orchards in spring. Beekeepers move hives between farms. Honey is collected in late "
                        + "summer, and the colonies rest quietly inside their wooden hives through the cold months of the year.")
                        .getBytes(StandardCharsets.UTF_8)));
        String assetId = first.path("assetId").asText();
        String oldSummary = getJson(token, "/v1/assets/" + assetId).path("insights").path("summary").path("text").asText();
        faults.hold();
        try {
            String newJob = read(post(token, "/v1/assets/" + assetId + "/reprocess", "{\"steps\":[\"summarize\"]}")
                    .getBody()).path("jobId").asText();
            awaitJob(token, newJob, job -> "RUNNING".equals(stepStatus(job, "summarize")));
            assertThat(stepStatus(getJson(token, "/v1/jobs/" + newJob), "embed")).isEqualTo("absent");
            assets.update(assetId, a -> a.withInsights(a.insights().withSummary(
                    new Insights.Summary("a summary that must not survive", "offline", "test"))));
            assertThat(http.exchange("/v1/jobs/" + newJob, HttpMethod.DELETE, new HttpEntity<>(bearer(token)),
                    String.class).getStatusCode().value()).isEqualTo(200);
        } finally {
            faults.release();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode asset = getJson(token, "/v1/assets/" + assetId);
            assertThat(asset.path("reprocessing").isNull() || asset.path("reprocessing").isMissingNode()).isTrue();
            assertThat(asset.path("insights").path("summary").path("text").asText()).isEqualTo(oldSummary);
            assertThat(asset.path("versions").get(1).path("status").asText()).isEqualTo("CANCELLED");
        });
        assertThat(assets.find(assetId).orElseThrow().insights().summary().text()).isEqualTo(oldSummary);
    }

    @Test
    void reprocessRefusesUnknownStepsAndOtherTenantsAssets() {
        String token = localToken();
        JsonNode job = awaitTerminal(token, uploadAccepted(token, "steps.txt",
                "A short text about tidal energy.".getBytes(StandardCharsets.UTF_8)));
        String assetId = job.path("assetId").asText();
        assertThat(post(token, "/v1/assets/" + assetId + "/reprocess", "{\"steps\":[\"teleport\"]}")
                .getStatusCode().value()).isEqualTo(400);
        assertThat(post(token("aegis-other", READ_WRITE), "/v1/assets/" + assetId + "/reprocess", "")
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theAdminBulkFormCountsOnADryRunAndStartsJobsOtherwise() {
        String token = token("aegis-retained", READ_WRITE);
        Instant from = Instant.now();
        JsonNode pdfLike = awaitTerminal(token, uploadAccepted(token, "bulk.txt",
                ("Text for the bulk reprocessing test about wind farms. Turbines turn in the coastal wind and feed the "
                        + "grid. Engineers inspect the blades and the towers every spring before the autumn storms arrive.")
                        .getBytes(StandardCharsets.UTF_8)));
        String admin = token("aegis-admin", "media:read media:write admin");
        String filter = "{\"tenant\":\"retained\",\"mediaType\":\"text\",\"from\":\"" + from + "\"";
        JsonNode dry = read(post(admin, "/v1/admin/reprocess", filter + "}").getBody());
        assertThat(dry.path("dryRun").asBoolean()).isTrue();
        assertThat(dry.path("matched").asInt()).isEqualTo(1);
        assertThat(dry.path("started").asInt()).isZero();
        assertThat(read(post(admin, "/v1/admin/reprocess", "{\"tenant\":\"retained\",\"mediaType\":\"image\",\"from\":\""
                + from + "\"}").getBody()).path("matched").asInt()).isZero();

        JsonNode run = read(post(admin, "/v1/admin/reprocess", filter + ",\"dryRun\":false,\"steps\":[\"summarize\"]}")
                .getBody());
        assertThat(run.path("started").asInt()).isEqualTo(1);
        String newJob = run.path("jobs").get(0).path("jobId").asText();
        JsonNode ended = awaitTerminal(token, newJob);
        assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(stepStatus(ended, "summarize")).isEqualTo("SUCCEEDED");
        assertThat(stepStatus(ended, "embed")).isEqualTo("absent");
        assertThat(post(token, "/v1/admin/reprocess", "{}").getStatusCode().value()).isEqualTo(403);
        assertThat(pdfLike.path("status").asText()).isEqualTo("SUCCEEDED");
    }

    private String rawKey(String assetId) {
        return assets.find(assetId).orElseThrow().rawKey();
    }

    private List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(o -> o.key()).toList();
    }

    private List<String> searchHits(String token, String query) {
        return getJson(token, "/v1/search?q=" + query.replace(' ', '+') + "&limit=50").path("items")
                .findValuesAsText("assetId");
    }

    private static List<String> texts(JsonNode node) {
        return java.util.stream.StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
    }
}
