package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.media.audio.ChunkTranscript;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.ErrorCode;
import io.aegis.state.Insights;
import io.aegis.state.StepFailure;
import io.aegis.platform.AegisHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * No DynamoDB item can exceed 400 KB: a transcript of 1 MB is stored whole in S3 with an excerpt in the asset record,
 * and a record that would still be too large fails its step with LIMIT_EXCEEDED (permanent) instead of an error that
 * is retried into a DLQ. Against the embedded DynamoDB, which enforces the real limit.
 */
class ItemLimitsIT extends PipelineTestSupport {

    @Autowired
    CamelContext camel;

    @Autowired
    AssetStore assets;

    @Autowired
    S3Client s3;

    @Autowired
    @Qualifier("transcriptRecorder")
    Processor transcriptRecorder;

    @Test
    void aOneMegabyteTranscriptIsStoredWholeInS3WithAnExcerptInTheAsset() throws Exception {
        String assetId = UUID.randomUUID().toString();
        assets.create(Asset.created(assetId, "job-" + assetId, "local", "talk.wav", 10, "local/" + assetId + "/original/talk.wav",
                Instant.now()));
        // 1 MB of recognised speech: 20 000 segments of about 50 characters.
        List<Insights.Segment> segments = new ArrayList<>();
        for (int i = 0; segments.stream().mapToInt(s -> s.text().length() + 1).sum() < 1_000_000; i++) {
            segments.add(new Insights.Segment(i * 3.0, i * 3.0 + 2.5, "segment number " + i + " says the quick brown fox jumps"));
        }
        var exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(AegisHeaders.TENANT, "local");
        exchange.getMessage().setHeader(AegisHeaders.ASSET_ID, assetId);
        exchange.getMessage().setBody(List.of(new ChunkTranscript(0, segments)));

        transcriptRecorder.process(exchange);

        Insights.Transcript stored = assets.find(assetId).orElseThrow().insights().transcript();
        assertThat(stored.truncated()).isTrue();
        assertThat(stored.text().length()).isLessThanOrEqualTo(20_000);
        assertThat(stored.segments()).isNotEmpty().hasSizeLessThanOrEqualTo(500);
        String whole = s3.getObjectAsBytes(b -> b.bucket("aegis-processed").key("local/" + assetId + "/text.txt"))
                .asString(StandardCharsets.UTF_8);
        assertThat(whole.length()).isGreaterThanOrEqualTo(1_000_000);
        // text.txt has a segment a line (what the summarizer takes as sentences); the excerpt is the same words.
        assertThat(whole.replace('\n', ' ')).startsWith(stored.text()).endsWith(segments.get(segments.size() - 1).text());
        assertThat(assets.find(assetId).orElseThrow().renditions()).extracting(Asset.Rendition::kind)
                .contains("transcript", "captions");
    }

    @Test
    void aRecordThatWouldStillBeTooLargeFailsWithLimitExceeded() {
        String assetId = UUID.randomUUID().toString();
        assets.create(Asset.created(assetId, "job-" + assetId, "local", "x.png", 10, "local/" + assetId + "/original/x.png",
                Instant.now()));
        String description = "a".repeat(500 * 1024); // a provider that answered far too much

        assertThatThrownBy(() -> assets.update(assetId, asset -> asset.withInsights(
                asset.insights().withDescription(description, new Insights.Source("test", "test")))))
                .isInstanceOfSatisfying(StepFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                    assertThat(failure.getMessage()).contains("400 KB");
                });
        assertThat(assets.find(assetId).orElseThrow().insights().description()).isNull();
    }
}
