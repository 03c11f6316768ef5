package io.aegis.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;

/**
 * Where the samples of a 16 kHz mono 16-bit PCM WAV are (the one format the speech steps use), and how to
 * write the header of such a file. Chunks are walked rather than assuming 44 bytes: ffmpeg adds a LIST chunk.
 */
record WavHeader(long dataOffset, long dataLength) {

    static final int SAMPLE_RATE = 16_000;
    static final int BYTES_PER_SAMPLE = 2;
    static final int BYTES_PER_SECOND = SAMPLE_RATE * BYTES_PER_SAMPLE;
    static final int CANONICAL_LENGTH = 44;

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    private static final int MAX_FMT_LENGTH = 64;
    // ffmpeg writing to a pipe cannot seek back, so it leaves the sizes at their maximum.
    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;

    double durationSeconds() {
        return (double) sampleCount() / SAMPLE_RATE;
    }

    long sampleCount() {
        return dataLength / BYTES_PER_SAMPLE;
    }

    static WavHeader read(FileChannel channel) throws IOException {
        long fileLength = channel.size();
        ByteBuffer riff = readAt(channel, 0, 12);
        if (riff == null || !fourCc(riff, 0).equals("RIFF") || !fourCc(riff, 8).equals("WAVE")) {
            throw corrupt("not a RIFF/WAVE file");
        }
        boolean formatSeen = false;
        long position = 12;
        while (true) {
            ByteBuffer chunk = readAt(channel, position, 8);
            if (chunk == null) {
                throw corrupt("no data chunk");
            }
            String id = fourCc(chunk, 0);
            long length = Integer.toUnsignedLong(chunk.getInt(4));
            long body = position + 8;
            if (id.equals("fmt ")) {
                checkFormat(channel, body, length);
                formatSeen = true;
            } else if (id.equals("data")) {
                if (!formatSeen) {
                    throw corrupt("data chunk before fmt chunk");
                }
                long available = fileLength - body;
                long declared = length == UNKNOWN_SIZE ? available : Math.min(length, available);
                // An odd trailing byte is half a sample: drop it rather than read past the samples.
                return new WavHeader(body, declared - declared % BYTES_PER_SAMPLE);
            }
            position = body + length + (length & 1);
        }
    }

    /** A 44-byte header for {@code dataLength} bytes of 16 kHz mono 16-bit PCM. */
    static ByteBuffer canonical(long dataLength) {
        ByteBuffer header = ByteBuffer.allocate(CANONICAL_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataLength));
        header.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        header.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        header.putShort((short) WAVE_FORMAT_PCM).putShort((short) 1).putInt(SAMPLE_RATE).putInt(BYTES_PER_SECOND);
        header.putShort((short) BYTES_PER_SAMPLE).putShort((short) 16);
        header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataLength);
        return header.flip();
    }

    private static void checkFormat(FileChannel channel, long body, long length) throws IOException {
        if (length < 16 || length > MAX_FMT_LENGTH) {
            throw corrupt("fmt chunk of " + length + " bytes");
        }
        ByteBuffer fmt = readAt(channel, body, (int) length);
        if (fmt == null) {
            throw corrupt("truncated fmt chunk");
        }
        int tag = Short.toUnsignedInt(fmt.getShort(0));
        int channels = fmt.getShort(2);
        int rate = fmt.getInt(4);
        int bits = fmt.getShort(14);
        // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
        boolean pcm = tag == WAVE_FORMAT_PCM
                || (tag == WAVE_FORMAT_EXTENSIBLE && length >= 26 && fmt.getShort(24) == WAVE_FORMAT_PCM);
        if (!pcm || channels != 1 || rate != SAMPLE_RATE || bits != 16) {
            throw corrupt("expected 16 kHz mono 16-bit PCM, found format " + tag + ", " + channels + " channel(s), "
                    + rate + " Hz, " + bits + " bits");
        }
    }

    /** Exactly {@code length} bytes at {@code position}, little-endian, or null if the file ends first. */
    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer.flip();
    }

    private static String fourCc(ByteBuffer buffer, int offset) {
        byte[] id = new byte[4];
        buffer.get(offset, id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    private static StepFailure corrupt(String why) {
        return new StepFailure(ErrorCode.CORRUPT_MEDIA, "Unreadable WAV: " + why);
    }
}
