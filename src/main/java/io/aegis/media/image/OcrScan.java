package io.aegis.media.image;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                .sorted(Comparator.comparingDouble(OcrWord::confidence).reversed())
                .forEach(word -> {
                    if (kept.stream().noneMatch(word::overlaps)) {
                        kept.add(word);
                    }
                });
        return kept;
    }

    public String text(Predicate<OcrWord> acceptable) {
        List<OcrWord> kept = accepted(acceptable);
        List<String> order = words.stream().map(OcrWord::line).distinct().toList();
        Map<String, List<OcrWord>> byLine = kept.stream().collect(Collectors.groupingBy(OcrWord::line, LinkedHashMap::new, Collectors.toList()));
        return order.stream().filter(byLine::containsKey)
                .map(line -> byLine.get(line).stream().sorted(Comparator.comparingInt(OcrWord::position))
                        .map(OcrWord::text).collect(Collectors.joining(" ")))
                .collect(Collectors.joining("\n"));
    }
}
