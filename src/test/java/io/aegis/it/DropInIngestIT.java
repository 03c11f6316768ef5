package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A file dropped into the raw bucket's inbox becomes a job of the tenant its key names. */
class DropInIngestIT extends PipelineTestSupport {

    @Autowired
    S3Client s3;

    @Test
    void aFileDroppedUnderInboxBecomesASucceededJobOfThatTenantAndLeavesTheInbox() {
        String key = "inbox/local/drop-" + System.nanoTime() + ".txt";
        s3.putObject(b -> b.bucket("aegis-raw").key(key),
                RequestBody.fromString(UploadPipelineIT.ARTICLE, StandardCharsets.UTF_8));
        String filename = key.substring(key.lastIndexOf('/') + 1);
        String token = localToken();

        JsonNode[] found = new JsonNode[1];
        await().atMost(PIPELINE_TIMEOUT).until(() -> {
            found[0] = StreamSupport.stream(getJson(token, "/v1/jobs?limit=100").path("items").spliterator(), false)
                    .filter(job -> filename.equals(job.path("filename").asText()))
                    .findFirst().orElse(null);
            return found[0] != null;
        });
        JsonNode job = awaitTerminal(token, found[0].path("jobId").asText());

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode asset = getJson(token, "/v1/assets/" + job.path("assetId").asText());
        assertThat(asset.path("insights").path("summary").path("text").asText()).isNotBlank();
        await().atMost(PIPELINE_TIMEOUT).until(() -> !rawObjectExists(s3, key));
        // The original now lives under the tenant's asset prefix.
        assertThat(rawObjectExists(s3, "local/" + job.path("assetId").asText() + "/original/" + filename)).isTrue();
        // Tenant "other" cannot see it.
        assertThat(get(token("aegis-other", READ_WRITE), "/v1/jobs/" + job.path("jobId").asText())
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aKeyWithoutATenantIsSetAsideNotLost() {
        String key = "inbox/no-tenant-" + System.nanoTime() + ".txt";
        s3.putObject(b -> b.bucket("aegis-raw").key(key), RequestBody.fromString("hello", StandardCharsets.UTF_8));

        await().atMost(PIPELINE_TIMEOUT).until(() -> !rawObjectExists(s3, key));
        assertThat(rawObjectExists(s3, "rejected/" + key)).isTrue();
    }
}
