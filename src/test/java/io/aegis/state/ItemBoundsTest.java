package io.aegis.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemBoundsTest {

    @Test
    void tagsAreFewAndShort() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add("tag-" + i + "-" + "x".repeat(i));
        }
        many.add(" ");

        List<String> bounded = ItemBounds.tags(many);

        assertThat(bounded).hasSize(50).allSatisfy(tag -> assertThat(tag.length()).isLessThanOrEqualTo(64));
        assertThat(new Insights(null, null, many, null, null, null, null, null, null, null).tags()).isEqualTo(bounded);
    }

    @Test
    void containerMetadataIsCutToSize() {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("duration", 12.5);
        metadata.put("lyrics", "la ".repeat(300_000)); // an ffprobe tag can hold anything
        var streams = metadata.putArray("streams");
        for (int i = 0; i < 5_000; i++) {
            streams.addObject().put("index", i).put("codec", "x".repeat(200));
        }
        for (int i = 0; i < 400; i++) {
            metadata.put("tag" + i, "v".repeat(900));
        }

        ObjectNode bounded = Asset.created("a", "j", "t", "f", 1, "k", java.time.Instant.now()).withMetadata(metadata).metadata();

        assertThat(bounded.toString().length()).isLessThanOrEqualTo(64 * 1024 + 100);
        assertThat(bounded.path("duration").asDouble()).isEqualTo(12.5);
        assertThat(bounded.path("lyrics").asText().length()).isLessThanOrEqualTo(1_001);
        assertThat(bounded.path("_truncated").isArray()).isTrue();
    }

    @Test
    void itemSizeCountsNamesAndUtf8Values() {
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("é"), "n", AttributeValue.fromN("12345"),
                "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("abc"))));
        // id(2)+é(2) + n(1)+3 + m(1)+3+k(1)+abc(3)+1
        assertThat(ItemBounds.sizeOf(item)).isEqualTo(17);
    }
}
