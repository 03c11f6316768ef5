package io.aegis.media.document;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Inflates every entry of a document's zip once, counting the bytes that really come out (declared sizes are
 * the attacker's word), before any parser opens it: a zip bomb stops here at the budget, not in a parser's heap.
 */
final class ZipBudget {

    private ZipBudget() {
    }

    /** @return the bytes the entries inflate to, at most {@code maxBytes} */
    static long check(Path file, long maxEntries, long maxBytes) {
        ZipDirectory.read(file).requireAtMost(maxEntries);
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            long count = 0;
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++count > maxEntries) {
                    throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, "the document's zip holds more than " + maxEntries + " entries");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > maxBytes) {
                            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, String.format(Locale.ROOT,
                                    "the document decompresses to more than %,d bytes (a zip bomb?); that is the limit", maxBytes));
                        }
                    }
                }
            }
            return total;
        } catch (ZipException e) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the document's zip is damaged (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the document's zip cannot be read (" + e.getMessage() + ")");
        }
    }
}
