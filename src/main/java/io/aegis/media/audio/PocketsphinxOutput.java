package io.aegis.media.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aegis.state.Insights;

/**
 * Reads what {@code pocketsphinx_continuous -time yes} prints (0.8 on Debian): for each utterance a line with
 * the hypothesis, then one line per word: {@code word start end confidence}, e.g.
 * <pre>
 * the quick brown fox
 * &lt;s&gt; 0.090 0.150 0.999200
 * the(2) 0.160 0.280 0.614678
 * ...
 * &lt;/s&gt; 3.750 3.820 1.000000
 * </pre>
 * Each utterance becomes one segment built from its word lines, so its times and its text agree; a long
 * utterance is cut every {@value #MAX_WORDS} words, so a caption cue fits on screen and a timestamp in a
 * transcript lands near the word it names.
 */
public final class PocketsphinxOutput {

    static final int MAX_WORDS = 12;

    private static final Pattern WORD_LINE = Pattern.compile("(\\S+) (\\d+(?:\\.\\d+)?) (\\d+(?:\\.\\d+)?) (-?\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?)");
    // Fillers and silences from the noise dictionary: <s>, </s>, <sil>, [NOISE], ++NOISE++, [SPEECH], ...
    private static final Pattern FILLER = Pattern.compile("<.*>|\\[.*]|\\+\\+.*\\+\\+");
    // Alternate pronunciations from the dictionary: the(2) is the word "the".
    private static final Pattern PRONUNCIATION_VARIANT = Pattern.compile("\\(\\d+\\)$");

    public List<Insights.Segment> parse(String stdout, double offsetSeconds) {
        List<Insights.Segment> segments = new ArrayList<>();
        Utterance utterance = new Utterance();
        for (String line : stdout.split("\\R")) {
            Matcher word = WORD_LINE.matcher(line.strip());
            if (!word.matches()) {
                // Anything that is not a word line is the hypothesis that opens the next utterance.
                utterance.addTo(segments, offsetSeconds);
                utterance = new Utterance();
                continue;
            }
            String token = word.group(1);
            if (token.equals("<s>")) {
                utterance.addTo(segments, offsetSeconds);
                utterance = new Utterance();
            } else if (!FILLER.matcher(token).matches()) {
                utterance.add(PRONUNCIATION_VARIANT.matcher(token).replaceFirst(""),
                        Double.parseDouble(word.group(2)), Double.parseDouble(word.group(3)));
                if (utterance.words == MAX_WORDS) {
                    utterance.addTo(segments, offsetSeconds);
                    utterance = new Utterance();
                }
            }
        }
        utterance.addTo(segments, offsetSeconds);
        return List.copyOf(segments);
    }

    private static final class Utterance {
        private final StringBuilder text = new StringBuilder();
        private double start;
        private double end;
        private int words;

        void add(String word, double wordStart, double wordEnd) {
            words++;
            if (text.length() == 0) {
                start = wordStart;
            } else {
                text.append(' ');
            }
            text.append(word);
            end = wordEnd;
        }

        void addTo(List<Insights.Segment> segments, double offsetSeconds) {
            if (text.length() > 0) {
                segments.add(new Insights.Segment(start + offsetSeconds, end + offsetSeconds, text.toString()));
            }
        }
    }
}
