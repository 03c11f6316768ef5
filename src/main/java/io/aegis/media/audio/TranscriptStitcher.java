package io.aegis.media.audio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.aegis.state.Insights;

/**
 * Joins the transcripts of a recording's chunks, which may arrive in any order (they are recognised in
 * parallel), into one transcript of the whole recording.
 */
public final class TranscriptStitcher {

    public Insights.Transcript stitch(List<ChunkTranscript> chunks, String language, String provider) {
        List<ChunkTranscript> ordered = chunks.stream()
                .sorted(Comparator.comparingInt(ChunkTranscript::chunkIndex))
                .toList();
        for (int i = 1; i < ordered.size(); i++) {
            // A chunk delivered twice would repeat its words; better to fail loudly than to stitch it in twice.
            if (ordered.get(i).chunkIndex() == ordered.get(i - 1).chunkIndex()) {
                throw new IllegalArgumentException("chunk " + ordered.get(i).chunkIndex() + " appears twice");
            }
        }
        List<Insights.Segment> segments = new ArrayList<>();
        for (ChunkTranscript chunk : ordered) {
            for (Insights.Segment segment : chunk.segments()) {
                String text = segment.text().strip().replaceAll("\\s+", " ");
                if (!text.isEmpty()) {
                    segments.add(new Insights.Segment(segment.start(), segment.end(), text));
                }
            }
        }
        // Chunk order, then the recogniser's own order, never a sort by time: pocketsphinx 0.8 can report a
        // later utterance of a long chunk up to ~30 s too late, and a time sort would interleave it with the
        // next chunk's words.
        String text = segments.stream().map(Insights.Segment::text).collect(Collectors.joining(" "));
        return new Insights.Transcript(text, language, provider, List.copyOf(segments));
    }
}
