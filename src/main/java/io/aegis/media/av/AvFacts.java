package io.aegis.media.av;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What ffprobe says about a recording, reduced to what users and the later steps need. Duration is
 * null when the container does not state it.
 */
public record AvFacts(Double durationSeconds, boolean hasVideo, boolean hasAudio, ObjectNode metadata) {

    /** Reads ffprobe's {@code -show_format -show_streams} JSON. */
    public static AvFacts from(JsonNode probe) {
        JsonNode format = probe.path("format");
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        Double duration = number(format.path("duration"));
        if (duration != null) {
            metadata.put("durationSeconds", duration);
        }
        metadata.put("container", format.path("format_name").asText(null));
        putNumber(metadata, "bitRate", format.path("bit_rate"));
        if (format.path("tags").isObject()) {
            metadata.set("tags", format.path("tags"));
        }
        boolean hasVideo = false;
        boolean hasAudio = false;
        for (JsonNode stream : probe.path("streams")) {
            String type = stream.path("codec_type").asText();
            // Cover art in an MP3 is a "video" stream marked attached_pic: still audio.
            if ("video".equals(type) && stream.path("disposition").path("attached_pic").asInt() == 0
                    && !hasVideo) {
                hasVideo = true;
                metadata.set("video", video(stream));
            } else if ("audio".equals(type) && !hasAudio) {
                hasAudio = true;
                metadata.set("audio", audio(stream));
            }
        }
        metadata.put("hasVideo", hasVideo);
        metadata.put("hasAudio", hasAudio);
        return new AvFacts(duration, hasVideo, hasAudio, metadata);
    }

    /** The duration stored by the metadata step in an asset's metadata, if any. */
    public static Double durationOf(JsonNode assetMetadata) {
        return assetMetadata == null ? null : number(assetMetadata.path("durationSeconds"));
    }

    private static ObjectNode video(JsonNode stream) {
        ObjectNode video = JsonNodeFactory.instance.objectNode();
        video.put("codec", stream.path("codec_name").asText(null));
        video.put("width", stream.path("width").asInt());
        video.put("height", stream.path("height").asInt());
        String rate = stream.path("avg_frame_rate").asText("");
        if (rate.contains("/") && !rate.endsWith("/0")) {
            String[] parts = rate.split("/");
            video.put("frameRate", Math.round(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]) * 100) / 100.0);
        }
        for (JsonNode side : stream.path("side_data_list")) {
            if (side.has("rotation")) {
                video.put("rotation", side.path("rotation").asInt());
            }
        }
        return video;
    }

    private static ObjectNode audio(JsonNode stream) {
        ObjectNode audio = JsonNodeFactory.instance.objectNode();
        audio.put("codec", stream.path("codec_name").asText(null));
        putNumber(audio, "sampleRate", stream.path("sample_rate"));
        audio.put("channels", stream.path("channels").asInt());
        return audio;
    }

    private static void putNumber(ObjectNode target, String field, JsonNode value) {
        Double number = number(value);
        if (number != null) {
            target.put(field, number.longValue());
        }
    }

    private static Double number(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            double parsed = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText());
            return Double.isFinite(parsed) ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
