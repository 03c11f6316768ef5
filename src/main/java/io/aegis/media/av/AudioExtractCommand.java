package io.aegis.media.av;

import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.AssetStore;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Prepares ffmpeg to turn the soundtrack into 16 kHz mono 16-bit WAV, the format speech recognisers take.
 * A recording without sound skips the step (and so the transcript) instead of failing the job. ffmpeg stops one
 * second past the duration limit ({@code -t}) and at the WAV size that allows ({@code -fs}), whatever the file's
 * header claimed, so a stream that hides hours of audio costs seconds and a bounded file; {@link AudioRecorder}
 * then refuses it.
 */
@Component("audioExtractCommand")
public class AudioExtractCommand implements Processor {

    public static final String AUDIO_FILE = "audio-16k.wav";
    /** 16 kHz × 16-bit × mono. */
    static final long BYTES_PER_SECOND = 32_000;
    static final long HEADER_ROOM = 4_096;

    private final OriginalFiles originals;
    private final AssetStore assets;
    private final MediaProperties media;

    public AudioExtractCommand(OriginalFiles originals, AssetStore assets, MediaProperties media) {
        this.originals = originals;
        this.assets = assets;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        if (!assets.metadata(assetId).path("hasAudio").asBoolean(true)) {
            exchange.setProperty(AegisHeaders.STEP_SKIPPED, "the recording has no audio track");
            return;
        }
        Path original = originals.local(exchange);
        ToolRun.prepare(exchange, media.tools().ffmpeg(), List.of(
                "-nostdin", "-hide_banner", "-v", "error",
                "-protocol_whitelist", "file",
                "-i", original.toString(),
                // A bare 44-byte header: pocketsphinx 0.8 skips exactly 44 bytes and would hear a LIST chunk.
                "-map_metadata", "-1", "-fflags", "+bitexact",
                "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le",
                "-t", Long.toString(cutOffSeconds(media)), "-fs", Long.toString(maxWavBytes(media)),
                "-f", "wav", "-y",
                original.resolveSibling(AUDIO_FILE).toString()), original.getParent(), media.toolTimeout());
    }

    /** Where ffmpeg stops: one second past the limit, enough to tell "over the limit" from "at it". */
    static long cutOffSeconds(MediaProperties media) {
        return media.video().maxDuration().toSeconds() + 1;
    }

    static long maxWavBytes(MediaProperties media) {
        return cutOffSeconds(media) * BYTES_PER_SECOND + HEADER_ROOM;
    }

    /** Seconds of sound in the WAV this step wrote (bare 44-byte header, 16 kHz mono 16-bit). */
    static double secondsIn(long wavBytes) {
        return Math.max(0, wavBytes - 44) / (double) BYTES_PER_SECOND;
    }
}
