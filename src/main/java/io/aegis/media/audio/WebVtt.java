package io.aegis.media.audio;

import java.util.List;

import io.aegis.state.Insights;

/** Renders transcript segments as WebVTT captions, the format HTML {@code <track>} elements play. */
public final class WebVtt {

    private static final long MIN_CUE_MILLIS = 1;

    public String render(List<Insights.Segment> segments) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        for (Insights.Segment segment : segments) {
            // A blank line ends a cue, so cue text must stay on non-blank lines: one line per segment.
            String text = segment.text().strip().replaceAll("\\s+", " ");
            if (text.isEmpty()) {
                continue;
            }
            long start = Math.max(0, Math.round(segment.start() * 1000));
            // Players drop cues that end before they start.
            long end = Math.max(start + MIN_CUE_MILLIS, Math.round(segment.end() * 1000));
            vtt.append('\n').append(timestamp(start)).append(" --> ").append(timestamp(end)).append('\n')
                    .append(escape(text)).append('\n');
        }
        return vtt.toString();
    }

    private static String timestamp(long millis) {
        return String.format("%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
                millis % 1000);
    }

    /** Cue text is markup: '&' and '<' start entities and tags, and "-->" may not appear, so '>' is escaped too. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
