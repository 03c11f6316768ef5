package io.aegis.media.audio;

import java.util.List;

import io.aegis.state.Insights;

/** What the recogniser heard in one chunk, with segment times already shifted to the whole recording. */
public record ChunkTranscript(int chunkIndex, List<Insights.Segment> segments) {

    public ChunkTranscript {
        segments = List.copyOf(segments);
    }
}
