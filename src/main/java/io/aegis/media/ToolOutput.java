package io.aegis.media;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * What a tool wrote to stdout or stderr, bounded: at most the last {@code limit} bytes are kept (a tail), the rest
 * only counted, so a tool that prints gigabytes costs no more heap than the limit. The buffer grows as needed up to
 * the limit, then wraps around.
 */
public final class ToolOutput extends OutputStream {

    private final int limit;
    private byte[] buffer = new byte[8192];
    private long written;

    ToolOutput(int limit) {
        this.limit = Math.max(1, limit);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        if (written + len <= limit) {
            if (written + len > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(buffer.length * 2L, written + len)));
            }
            System.arraycopy(bytes, off, buffer, (int) written, len);
        } else {
            if (buffer.length < limit) {
                buffer = Arrays.copyOf(buffer, limit);
            }
            for (int i = 0; i < len; i++) {
                buffer[(int) ((written + i) % limit)] = bytes[off + i];
            }
        }
        written += len;
    }

    /** The kept bytes, oldest first. */
    synchronized byte[] tail() {
        int kept = (int) Math.min(written, limit);
        if (written <= limit) {
            return Arrays.copyOf(buffer, kept);
        }
        byte[] tail = new byte[kept];
        int start = (int) (written % limit);
        System.arraycopy(buffer, start, tail, 0, limit - start);
        System.arraycopy(buffer, 0, tail, limit - start, start);
        return tail;
    }

    /** Null when nothing was written (what camel-exec's result expects). */
    synchronized Captured captured() {
        return written == 0 ? null : new Captured(tail(), written);
    }

    /** The kept tail as a stream; {@link #truncated()} when the tool wrote more than was kept. */
    public static final class Captured extends ByteArrayInputStream {

        private final long written;

        Captured(byte[] tail, long written) {
            super(tail);
            this.written = written;
        }

        public long written() {
            return written;
        }

        public boolean truncated() {
            return written > buf.length;
        }
    }
}
