package io.aegis.media.image;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * One page being read by OCR (route {@code direct:ocr-scan}): the upright page image, the quarter-turns still to read
 * it at, and every word each pass read. Which words count is decided at the end ({@link #text}): a word must pass the
 * acceptance test, and where passes read the same spot the more confident reading wins. Lives in an exchange property.
 */
public final class OcrScan {

    public static final String PROPERTY = "aegis.ocrScan";

    private final Path page;
    private final int width;
    private final int height;
    private final Deque<Integer> turns = new ArrayDeque<>();
    private final List<Integer> done = new ArrayList<>();
    private final List<OcrWord> words = new ArrayList<>();
    private int rotation;
    private boolean reread;

    public OcrScan(Path page, int width, int height) {
        this.page = page;
        this.width = width;
        this.height = height;
    }

    public static OcrScan of(Exchange exchange) {
        OcrScan scan = exchange.getProperty(PROPERTY, OcrScan.class);
        if (scan == null) {
            throw new IllegalStateException("no page is being read by OCR in this exchange");
        }
        return scan;
    }

    public Path page() {
        return page;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The page's text orientation (clockwise degrees to turn it upright), from orientation detection; plans the first pass. */
    void orient(int clockwise) {
        rotation = ((clockwise % 360) + 360) % 360;
        turns.clear();
        turns.add(rotation);
    }

    boolean hasNextPass() {
        return !turns.isEmpty();
    }

    int nextTurn() {
        return turns.peek();
    }

    /** A pass that leaves this share of its marks unread (and at least the configured count) is not the whole story. */
    static final double REREAD_SHARE = 0.2;
    static final double PRIMARY_PASS_LEAD = 5;
    private static final Pattern DOT_LEADER = Pattern.compile("\\S*[.·…]{4,}\\S*");

    /**
     * Records what the pass at {@link #nextTurn} read; a first pass that left many of its marks unreadable plans the two
     * quarter-turns (a chart's vertical labels), once.
     */
    void read(List<OcrWord> passWords, long unreadable, long marks, int rereadAt) {
        int turn = turns.remove();
        done.add(turn);
        words.addAll(passWords);
        if (!reread && unreadable >= rereadAt && unreadable >= REREAD_SHARE * marks) {
            reread = true;
            for (int quarter : new int[] {90, 270}) {
                int next = (rotation + quarter) % 360;
                if (!done.contains(next)) {
                    turns.add(next);
                }
            }
        }
    }

    int passes() {
        return done.size();
    }

    List<OcrWord> words() {
        return List.copyOf(words);
    }

    /**
     * The accepted words as text: each line of the pass that read it, lines in the order passes and tesseract's layout
     * gave them. Where two accepted readings overlap, the more confident one is kept.
     */
    public List<OcrWord> accepted(Predicate<OcrWord> acceptable) {
        List<OcrWord> kept = new ArrayList<>();
        words.stream().filter(acceptable)
                .sorted(Comparator.comparingDouble(this::standing).reversed())
                .forEach(word -> {
                    if (kept.stream().noneMatch(word::overlaps)) {
                        kept.add(word);
                    }
                });
        return kept;
    }

    /**
     * A reading's claim to its spot: its confidence, and a head start for the first pass (the page's own orientation),
     * since text read upside down in a turned pass can score nearly as high ("OOT" for "100").
     */
    private double standing(OcrWord word) {
        return word.confidence() + (word.line().startsWith(rotation + "/") ? PRIMARY_PASS_LEAD : 0);
    }

    public String text(Predicate<OcrWord> acceptable) {
        List<OcrWord> kept = accepted(acceptable);
        // A table-of-contents line read from a scan: its dot leaders are no words, and what is left is no sentence.
        Set<String> leaderLines = words.stream().filter(word -> DOT_LEADER.matcher(word.text()).matches())
                .map(OcrWord::line).collect(Collectors.toSet());
        kept.removeIf(word -> leaderLines.contains(word.line()));
        List<String> order = words.stream().map(OcrWord::line).distinct().toList();
        Map<String, List<OcrWord>> byLine = kept.stream().collect(Collectors.groupingBy(OcrWord::line, LinkedHashMap::new, Collectors.toList()));
        StringBuilder text = new StringBuilder();
        String paragraph = null;
        for (String line : order) {
            if (!byLine.containsKey(line)) {
                continue;
            }
            // Lines of one paragraph (pass/block/paragraph) on their own lines; paragraphs apart, as a reader sees them.
            String thisParagraph = line.substring(0, line.lastIndexOf('/'));
            if (paragraph != null) {
                text.append(thisParagraph.equals(paragraph) ? "\n" : "\n\n");
            }
            paragraph = thisParagraph;
            text.append(byLine.get(line).stream().sorted(Comparator.comparingInt(OcrWord::position))
                    .map(OcrWord::text).collect(Collectors.joining(" ")));
        }
        return text.toString();
    }
}
