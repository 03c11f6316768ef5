package io.aegis.media.document;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a document's sections from the text a handler feeds it: whitespace collapsed as a browser would, lines
 * ended at block boundaries, table cells separated by tabs. Empty sections are dropped.
 */
final class Sections {

    private final DocumentFormat.Unit unit;
    private final int maxSections;
    private final List<DocumentText.Section> done = new ArrayList<>();
    private StringBuilder text = new StringBuilder();
    private String title;
    private boolean hasBody;
    private int opened;

    Sections(DocumentFormat.Unit unit, int maxSections) {
        this.unit = unit;
        this.maxSections = maxSections;
    }

    /** Ends the current section (if it has any text) and opens the next, titled or not. */
    void start(String newTitle) {
        close();
        title = newTitle;
        if (++opened > maxSections) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, "the document has more than " + maxSections + " "
                    + unit.value() + "s; that is the limit");
        }
    }

    /** A heading begins: it opens a new section unless the current one holds nothing but headings so far. */
    void heading() {
        if (hasBody || opened == 0) {
            start(null);
        }
    }

    /** A heading ended: it names its section ("Chapter › Part" when headings follow one another). */
    void headingText(String heading) {
        String clean = heading.strip().replaceAll("\\s+", " ");
        if (!clean.isEmpty()) {
            title = title == null ? clean : title + " › " + clean;
        }
    }

    void title(String name) {
        String clean = name.strip().replaceAll("\\s+", " ");
        title = clean.isEmpty() ? title : clean;
    }

    void append(char[] chars, int start, int length, boolean body) {
        if (opened == 0) {
            start(null);
        }
        for (int i = start; i < start + length; i++) {
            char c = chars[i];
            if (Character.isWhitespace(c) || c == '\u00A0') {
                if (text.length() > 0 && !endsWithSpace()) {
                    text.append(' ');
                }
            } else {
                text.append(c);
                hasBody |= body;
            }
        }
    }

    void endLine() {
        trimTrailingSpace();
        if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
    }

    void cell() {
        trimTrailingSpace();
        if (text.length() > 0 && text.charAt(text.length() - 1) != '\n' && text.charAt(text.length() - 1) != '\t') {
            text.append('\t');
        }
    }

    List<DocumentText.Section> finish() {
        close();
        return List.copyOf(done);
    }

    private void close() {
        String body = text.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        if (!body.isEmpty()) {
            String name = title;
            if (name == null && unit == DocumentFormat.Unit.SLIDE) {
                name = body.lines().findFirst().orElse("").strip();
            }
            if (name == null && unit == DocumentFormat.Unit.SHEET) {
                name = "Sheet " + (done.size() + 1);
            }
            done.add(new DocumentText.Section(name, body));
        }
        text = new StringBuilder();
        title = null;
        hasBody = false;
    }

    private boolean endsWithSpace() {
        char last = text.charAt(text.length() - 1);
        return last == ' ' || last == '\n' || last == '\t';
    }

    private void trimTrailingSpace() {
        while (text.length() > 0 && text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 1);
        }
    }
}
