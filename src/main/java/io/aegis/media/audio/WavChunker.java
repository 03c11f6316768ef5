package io.aegis.media.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a 16 kHz mono 16-bit WAV into chunks of about {@code targetSeconds}, each cut placed in the quietest
 * 20 ms frame within {@code searchSeconds} of the target so that no word is cut in half. Streams the file in
 * two passes (frame energies, then copying), so a two-hour recording never sits in memory.
 */
public final class WavChunker {

    static final int FRAME_SAMPLES = WavHeader.SAMPLE_RATE / 50;
    private static final int FRAME_BYTES = FRAME_SAMPLES * WavHeader.BYTES_PER_SAMPLE;
    private static final int FRAMES_PER_READ = 100;

    public List<AudioChunk> split(Path wav, double targetSeconds, double searchSeconds, Path outDir) {
        if (!(targetSeconds > 0) || !(searchSeconds >= 0) || searchSeconds >= targetSeconds) {
            throw new IllegalArgumentException("need 0 <= searchSeconds < targetSeconds, got " + searchSeconds
                    + " and " + targetSeconds);
        }
        try (FileChannel source = FileChannel.open(wav, StandardOpenOption.READ)) {
            WavHeader header = WavHeader.read(source);
            // Cutting only pays when a chunk of target + search would not hold it all: keep the original, no copy.
            if (header.sampleCount() <= Math.round((targetSeconds + searchSeconds) * WavHeader.SAMPLE_RATE)) {
                return List.of(new AudioChunk(0, wav, 0, header.durationSeconds()));
            }
            float[] energies = frameEnergies(source, header);
            List<Long> cuts = cutSamples(energies, header.sampleCount(), targetSeconds, searchSeconds);
            return write(source, header, cuts, outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not split " + wav, e);
        }
    }

    public double durationSeconds(Path wav) {
        try (FileChannel source = FileChannel.open(wav, StandardOpenOption.READ)) {
            return WavHeader.read(source).durationSeconds();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + wav, e);
        }
    }

    /** Mean square of each 20 ms frame: the same order as RMS, without the square roots. */
    private static float[] frameEnergies(FileChannel source, WavHeader header) throws IOException {
        int frames = (int) ((header.sampleCount() + FRAME_SAMPLES - 1) / FRAME_SAMPLES);
        float[] energies = new float[frames];
        byte[] block = new byte[FRAME_BYTES * FRAMES_PER_READ];
        // A view of the channel from the data offset on; closing it would close the channel, so it is not closed.
        InputStream in = Channels.newInputStream(source.position(header.dataOffset()));
        long remaining = header.dataLength();
        int frame = 0;
        while (remaining > 0) {
            int length = in.readNBytes(block, 0, (int) Math.min(block.length, remaining));
            if (length == 0) {
                break;
            }
            remaining -= length;
            ByteBuffer samples = ByteBuffer.wrap(block, 0, length).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < length; start += FRAME_BYTES) {
                int end = Math.min(start + FRAME_BYTES, length);
                double sum = 0;
                for (int i = start; i + 1 < end; i += 2) {
                    double sample = samples.getShort(i);
                    sum += sample * sample;
                }
                energies[frame++] = (float) (sum / ((end - start) / 2));
            }
        }
        return energies;
    }

    /** Sample indices where chunks end; each target is measured from the previous cut so chunk lengths stay even. */
    static List<Long> cutSamples(float[] energies, long sampleCount, double targetSeconds, double searchSeconds) {
        long target = Math.round(targetSeconds * WavHeader.SAMPLE_RATE);
        long search = Math.round(searchSeconds * WavHeader.SAMPLE_RATE);
        List<Long> cuts = new ArrayList<>();
        long previous = 0;
        // Strictly longer, so the last cut (at most target + search on) always leaves samples for a last chunk.
        while (sampleCount - previous > target + search) {
            long cut = quietestPoint(energies, previous + target - search, previous + target + search, previous + target);
            cuts.add(cut);
            previous = cut;
        }
        return cuts;
    }

    /**
     * The point nearest the target inside the quietest whole frame in [from, to); among equally quiet frames the
     * nearest wins, so a cut in a long pause lands on the target itself.
     */
    private static long quietestPoint(float[] energies, long from, long to, long target) {
        int first = (int) ((from + FRAME_SAMPLES - 1) / FRAME_SAMPLES);
        int last = (int) Math.min(energies.length - 1, to / FRAME_SAMPLES - 1);
        long best = target;
        float bestEnergy = Float.MAX_VALUE;
        for (int frame = first; frame <= last; frame++) {
            long start = (long) frame * FRAME_SAMPLES;
            long point = Math.max(start, Math.min(target, start + FRAME_SAMPLES));
            float energy = energies[frame];
            if (energy < bestEnergy || (energy == bestEnergy && Math.abs(point - target) < Math.abs(best - target))) {
                bestEnergy = energy;
                best = point;
            }
        }
        return best;
    }

    private static List<AudioChunk> write(FileChannel source, WavHeader header, List<Long> cuts, Path outDir)
            throws IOException {
        Files.createDirectories(outDir);
        List<AudioChunk> chunks = new ArrayList<>();
        long start = 0;
        for (int index = 0; index <= cuts.size(); index++) {
            long end = index < cuts.size() ? cuts.get(index) : header.sampleCount();
            Path file = outDir.resolve(String.format("chunk-%03d.wav", index));
            copy(source, header.dataOffset() + start * WavHeader.BYTES_PER_SAMPLE,
                    (end - start) * WavHeader.BYTES_PER_SAMPLE, file);
            chunks.add(new AudioChunk(index, file, (double) start / WavHeader.SAMPLE_RATE,
                    (double) (end - start) / WavHeader.SAMPLE_RATE));
            start = end;
        }
        return List.copyOf(chunks);
    }

    private static void copy(FileChannel source, long position, long length, Path file) throws IOException {
        try (FileChannel target = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = WavHeader.canonical(length);
            while (header.hasRemaining()) {
                target.write(header);
            }
            // transferTo may move fewer bytes than asked (and lets the kernel copy without a user-space buffer).
            long copied = 0;
            while (copied < length) {
                long moved = source.transferTo(position + copied, length - copied, target);
                if (moved <= 0) {
                    throw new IOException("source ended " + (length - copied) + " bytes early");
                }
                copied += moved;
            }
        }
    }
}
