package io.aegis.ai.summary;

import io.aegis.ai.tags.KeywordTagger;
import io.aegis.state.Insights.Chapter;
import io.aegis.state.Insights.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Groups timed transcript segments into chapters: a chapter ends at a pause of at least {@code pauseSeconds}
 * once it is {@code minSeconds} long, and in any case before it would pass {@code maxSeconds}. Each chapter is
 * titled with its own top keywords, so a title says what was said there, not what a model imagines.
 */
final class ChapterSplitter {

    static final int TITLE_KEYWORDS = 3;

    private final KeywordTagger tagger;
    private final double pauseSeconds;
    private final double minSeconds;
    private final double maxSeconds;

    ChapterSplitter(KeywordTagger tagger, double pauseSeconds, double minSeconds, double maxSeconds) {
        if (pauseSeconds <= 0 || minSeconds < 0 || maxSeconds <= minSeconds) {
            throw new IllegalArgumentException("chapters need pause > 0 and 0 <= min < max, got pause="
                    + pauseSeconds + " min=" + minSeconds + " max=" + maxSeconds);
        }
        this.tagger = tagger;
        this.pauseSeconds = pauseSeconds;
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
    }

    List<Chapter> chapters(List<Segment> segments) {
        List<List<Segment>> groups = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        for (Segment segment : segments) {
            if (!current.isEmpty() && endsBefore(current, segment)) {
                groups.add(current);
                current = new ArrayList<>();
            }
            current.add(segment);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        List<Chapter> chapters = new ArrayList<>();
        for (List<Segment> group : groups) {
            chapters.add(new Chapter(group.get(0).start(), group.get(group.size() - 1).end(),
                    title(group, chapters.size() + 1)));
        }
        return chapters;
    }

    private boolean endsBefore(List<Segment> chapter, Segment next) {
        double start = chapter.get(0).start();
        double end = chapter.get(chapter.size() - 1).end();
        boolean pause = next.start() - end >= pauseSeconds && end - start >= minSeconds;
        return pause || next.end() - start > maxSeconds;
    }

    private String title(List<Segment> group, int number) {
        String text = group.stream().map(Segment::text).collect(Collectors.joining(" "));
        List<String> keywords = tagger.tags(text, TITLE_KEYWORDS);
        return keywords.isEmpty() ? "Part " + number : titleOf(keywords);
    }

    /** "fleet, harbour, boats" → "Fleet, harbour, boats". */
    static String titleOf(List<String> keywords) {
        String joined = String.join(", ", keywords);
        return joined.substring(0, 1).toUpperCase(Locale.ROOT) + joined.substring(1);
    }
}
