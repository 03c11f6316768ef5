package io.aegis.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A PDF's page texts without what only lays out the pages: running headers and footers (a short line at the top or
 * bottom of a page that recurs at the same place on several pages, numbers aside), page numbers ("7", "Page 7 of 38",
 * "- vii -"), table-of-contents lines with dot leaders, and words hyphenated across a line break. Pages stay pages.
 */
public final class PdfPageCleaner {

    /** Lines at each end of a page that may be a running header or footer. */
    static final int EDGE_LINES = 2;
    /** A header or footer recurs on at least this many pages (a chapter's running head counts). */
    static final int MIN_REPEATS = 3;
    static final int MAX_RUNNING_LINE_CHARS = 100;

    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "(?i)^[\\s\\-–—|]*(page\\s+)?(\\d{1,4}|[ivxlc]{1,7})(\\s+(of|/)\\s+\\d{1,4})?[\\s\\-–—|]*$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private PdfPageCleaner() {
    }

    public static List<String> clean(List<String> pages) {
        List<List<String>> lines = pages.stream().map(page -> List.of(page.split("\\R", -1))).toList();
        Map<String, Integer> edgeCounts = new HashMap<>();
        for (List<String> page : lines) {
            edges(page).stream().map(PdfPageCleaner::key).distinct().forEach(key -> edgeCounts.merge(key, 1, Integer::sum));
        }
        PlainTextNormaliser plain = new PlainTextNormaliser();
        List<String> cleaned = new ArrayList<>();
        for (List<String> page : lines) {
            List<Integer> edgeIndexes = edgeIndexes(page);
            StringBuilder text = new StringBuilder();
            String previous = "";
            for (int i = 0; i < page.size(); i++) {
                String line = page.get(i);
                boolean edge = edgeIndexes.contains(i);
                boolean continuation = continues(previous, line);
                if (!line.isBlank()) {
                    previous = line;
                }
                if (edge && (PAGE_NUMBER.matcher(line).matches()
                        || (!continuation && pages.size() > MIN_REPEATS && line.strip().length() <= MAX_RUNNING_LINE_CHARS
                            && edgeCounts.getOrDefault(key(line), 0) >= MIN_REPEATS))) {
                    continue;
                }
                text.append(line).append('\n');
            }
            cleaned.add(plain.normalise(text.toString()));
        }
        return cleaned;
    }

    /** The end of a sentence wrapped onto this line ("…until prices" / "recover."): text, not a running foot. */
    private static boolean continues(String previous, String line) {
        String before = previous.strip();
        String now = line.strip();
        return !before.isEmpty() && !now.isEmpty() && Character.isLowerCase(now.codePointAt(0))
                && ".!?:;".indexOf(before.charAt(before.length() - 1)) < 0;
    }

    private static List<String> edges(List<String> page) {
        return edgeIndexes(page).stream().map(page::get).toList();
    }

    /** Indexes of the first and last EDGE_LINES non-blank lines. */
    private static List<Integer> edgeIndexes(List<String> page) {
        List<Integer> nonBlank = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (!page.get(i).isBlank()) {
                nonBlank.add(i);
            }
        }
        List<Integer> edges = new ArrayList<>();
        for (int i = 0; i < nonBlank.size(); i++) {
            if (i < EDGE_LINES || i >= nonBlank.size() - EDGE_LINES) {
                edges.add(nonBlank.get(i));
            }
        }
        return edges;
    }

    // The same running line on another page differs in its page number only.
    private static String key(String line) {
        return SPACES.matcher(DIGITS.matcher(line.strip().toLowerCase(Locale.ROOT)).replaceAll("#")).replaceAll(" ");
    }
}
