package io.aegis.media.pdf;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes on while counting them, and stops the writer by throwing once the count passes a cap. */
final class CappedCounter extends FilterOutputStream {

    private final long cap;
    private long count;

    CappedCounter(long cap, OutputStream out) {
        super(out);
        this.cap = cap;
    }

    long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count += len;
        if (count > cap) {
            throw new CapReached();
        }
        out.write(b, off, len);
    }

    /** Unchecked on purpose: PDFBox's filters catch some IOExceptions and carry on decoding. */
    static final class CapReached extends RuntimeException {
        CapReached() {
            super("cap reached", null, false, false);
        }
    }
}
