package io.aegis.state;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a tenant may read of an error: the text with anything that describes the installation rather than the file
 * taken out (ARNs, URLs, IP addresses, host:port and cloud or private host names, absolute file paths, 12-digit AWS
 * account ids) and bounded in length. A safety net under the messages themselves, which are written for tenants (details go to the logs).
 */
public final class PublicText {

    static final int MAX_CHARS = 500;

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("arn:aws[a-z-]*:[^\\s,;\"'()]+"), "[arn]"),
            new Rule(Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>()]+"), "[url]"),
            new Rule(Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?\\b"), "[address]"),
            new Rule(Pattern.compile("\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*:\\d{2,5}\\b"), "[address]"),
            // Host names of clouds and private networks, with or without a port.
            new Rule(Pattern.compile("(?i)\\b(?:[a-z0-9-]+\\.)+(?:amazonaws\\.com(?:\\.cn)?|internal|local|localdomain)\\b"), "[host]"),
            new Rule(Pattern.compile("(?<![\\w.:/-])(?:/[\\w.@+-]+){2,}/?"), "[path]"),
            new Rule(Pattern.compile("(?<!\\d)\\d{12}(?!\\d)"), "[account]"));

    private PublicText() {
    }

    public static String of(String text) {
        if (text == null) {
            return null;
        }
        String safe = text;
        for (Rule rule : RULES) {
            safe = rule.pattern().matcher(safe).replaceAll(rule.replacement());
        }
        return safe.length() <= MAX_CHARS ? safe : safe.substring(0, MAX_CHARS - 1) + "…";
    }
}
