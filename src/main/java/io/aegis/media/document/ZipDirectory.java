package io.aegis.media.document;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What a zip's end-of-central-directory record declares — how many entries, how large the directory — read
 * from the file's last bytes before any zip library loads the directory into memory (ZIP64 included).
 */
public record ZipDirectory(long entries, long directoryBytes) {

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int EOCD_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    /** A central directory entry is 46 bytes plus its name, extra field and comment; generous per entry. */
    private static final long MAX_DIRECTORY_BYTES_PER_ENTRY = 1024;

    /** @throws StepFailure CORRUPT_MEDIA when there is no end record (a cut or fake zip) */
    public static ZipDirectory read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, EOCD_LENGTH + MAX_COMMENT);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            for (int at = tailLength - EOCD_LENGTH; at >= 0; at--) {
                if (tail.getInt(at) == EOCD) {
                    long entries = Short.toUnsignedInt(tail.getShort(at + 10));
                    long directoryBytes = Integer.toUnsignedLong(tail.getInt(at + 12));
                    long eocdPosition = size - tailLength + at;
                    if ((entries == 0xFFFF || directoryBytes == 0xFFFFFFFFL) && eocdPosition >= 20) {
                        return zip64(channel, eocdPosition, size);
                    }
                    return new ZipDirectory(entries, directoryBytes);
                }
            }
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the file has no zip directory at its end (cut short?)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ZipDirectory zip64(FileChannel channel, long eocdPosition, long size) throws IOException {
        ByteBuffer locator = read(channel, eocdPosition - 20, 20);
        if (locator.getInt(0) != ZIP64_LOCATOR) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the zip's ZIP64 locator is missing");
        }
        long recordPosition = locator.getLong(8);
        if (recordPosition < 0 || recordPosition + 56 > size) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the zip's ZIP64 record lies outside the file");
        }
        ByteBuffer record = read(channel, recordPosition, 56);
        if (record.getInt(0) != ZIP64_EOCD) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the zip's ZIP64 record is missing");
        }
        return new ZipDirectory(record.getLong(32), record.getLong(40));
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // keep reading until full or the end of the file
        }
        return buffer.flip();
    }

    /** @throws StepFailure LIMIT_EXCEEDED for more entries than {@code maxEntries}, or a directory too large for them */
    public ZipDirectory requireAtMost(long maxEntries) {
        if (entries < 0 || entries > maxEntries) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, String.format(Locale.ROOT,
                    "the document's zip holds %,d entries; the limit is %,d", entries, maxEntries));
        }
        if (directoryBytes < 0 || directoryBytes > Math.max(1, entries) * MAX_DIRECTORY_BYTES_PER_ENTRY) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, String.format(Locale.ROOT,
                    "the document's zip directory has %,d bytes for %,d entries", directoryBytes, entries));
        }
        return this;
    }
}
