package io.aegis.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps DynamoDB items under the service's 400 KB limit. What a file decides the size of is bounded where it enters
 * a record: tags (how many, how long), container metadata (EXIF, ffprobe, PDF info: long values cut, long lists
 * shortened, deep nesting dropped, the whole capped), while long texts (transcript, OCR, page text) live in S3 with
 * an excerpt in the item. {@link #sizeOf} measures an item the way DynamoDB does, so a write that would still be
 * refused fails its step with LIMIT_EXCEEDED at once instead of being retried into a DLQ.
 */
public final class ItemBounds {

    /** DynamoDB's item limit (names and values, UTF-8). */
    public static final long MAX_ITEM_BYTES = 400 * 1024;
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_CHARS = 64;
    static final int MAX_METADATA_VALUE_CHARS = 1_000;
    static final int MAX_METADATA_ARRAY = 100;
    static final int MAX_METADATA_DEPTH = 6;
    static final int MAX_METADATA_BYTES = 64 * 1024;
    /** Metadata field naming the fields dropped to keep it within bounds. */
    static final String TRUNCATED = "_truncated";

    private ItemBounds() {
    }

    /** At most {@value #MAX_TAGS} tags of at most {@value #MAX_TAG_CHARS} characters, blanks dropped. */
    public static List<String> tags(List<String> tags) {
        if (tags == null) {
            return null;
        }
        List<String> bounded = new ArrayList<>();
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            String trimmed = tag.strip();
            bounded.add(trimmed.length() > MAX_TAG_CHARS ? trimmed.substring(0, MAX_TAG_CHARS) : trimmed);
            if (bounded.size() == MAX_TAGS) {
                break;
            }
        }
        return List.copyOf(bounded);
    }

    /**
     * Container metadata made safe to store: strings cut at {@value #MAX_METADATA_VALUE_CHARS} characters, arrays at
     * {@value #MAX_METADATA_ARRAY} elements, nesting below {@value #MAX_METADATA_DEPTH} levels dropped; if the whole
     * is still over {@value #MAX_METADATA_BYTES} bytes, its largest fields go (named under {@code _truncated}).
     */
    public static ObjectNode metadata(ObjectNode metadata) {
        if (metadata == null) {
            return null;
        }
        ObjectNode bounded = (ObjectNode) bound(metadata, 0);
        ArrayNode dropped = null;
        while (bytes(bounded) > MAX_METADATA_BYTES) {
            String largest = null;
            long largestSize = -1;
            for (Iterator<Map.Entry<String, JsonNode>> fields = bounded.fields(); fields.hasNext(); ) {
                var field = fields.next();
                long size = bytes(field.getValue());
                if (!field.getKey().equals(TRUNCATED) && size > largestSize) {
                    largest = field.getKey();
                    largestSize = size;
                }
            }
            if (largest == null) {
                break;
            }
            bounded.remove(largest);
            if (dropped == null) {
                dropped = bounded.putArray(TRUNCATED);
            }
            dropped.add(largest);
        }
        return bounded;
    }

    private static JsonNode bound(JsonNode node, int depth) {
        if (node.isTextual()) {
            String text = node.asText();
            return text.length() > MAX_METADATA_VALUE_CHARS ? TextNode.valueOf(text.substring(0, MAX_METADATA_VALUE_CHARS) + "…") : node;
        }
        if (depth >= MAX_METADATA_DEPTH && node.isContainerNode()) {
            return TextNode.valueOf("(nested too deep)");
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < Math.min(node.size(), MAX_METADATA_ARRAY); i++) {
                array.add(bound(node.get(i), depth + 1));
            }
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> object.set(field.getKey(), bound(field.getValue(), depth + 1)));
            return object;
        }
        return node;
    }

    private static long bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** The first {@code maxChars} characters of {@code text}, cut at a word boundary when one is near. */
    public static String excerpt(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int cut = text.lastIndexOf(' ', maxChars);
        return text.substring(0, cut > maxChars * 0.9 ? cut : maxChars);
    }

    /** An item's size as DynamoDB counts it: attribute names plus values (strings in UTF-8). */
    public static long sizeOf(Map<String, AttributeValue> item) {
        long size = 0;
        for (var attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + sizeOf(attribute.getValue());
        }
        return size;
    }

    private static long sizeOf(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return value.n().length() / 2 + 1;
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.hasM()) {
            long size = 3;
            for (var entry : value.m().entrySet()) {
                size += utf8(entry.getKey()) + sizeOf(entry.getValue()) + 1;
            }
            return size;
        }
        if (value.hasL()) {
            long size = 3;
            for (AttributeValue element : value.l()) {
                size += sizeOf(element) + 1;
            }
            return size;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemBounds::utf8).sum();
        }
        return 1; // BOOL, NULL
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
