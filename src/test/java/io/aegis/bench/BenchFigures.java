package io.aegis.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The figures that have a target, for the one table of {@code make bench} (bench/all.sh): with {@code -Dfigures=FILE}
 * each benchmark appends a line per figure there (figure, target, measured, each tab-separated); without it, nothing.
 */
final class BenchFigures {

    private static final String FILE = System.getProperty("figures");

    private BenchFigures() {
    }

    static synchronized void record(String figure, String target, String measured) {
        if (FILE == null || FILE.isBlank()) {
            return;
        }
        String line = String.join("\t", clean(figure), clean(target), clean(measured)) + "\n";
        try {
            Files.writeString(Path.of(FILE), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').trim();
    }
}
