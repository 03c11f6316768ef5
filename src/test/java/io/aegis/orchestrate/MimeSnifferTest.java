package io.aegis.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The MIME type comes from the bytes alone; the media kind follows from it. */
class MimeSnifferTest {

    private final MimeSniffer sniffer = new MimeSniffer();

    @Test
    void knownFormatsAreRecognisedByTheirMagicNumbers() {
        assertThat(sniffer.detect("%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("application/pdf");
        assertThat(sniffer.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13})).isEqualTo("image/png");
        assertThat(sniffer.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0})).isEqualTo("image/jpeg");
    }

    @Test
    void plainTextIsTextAndRandomBytesAreNot() {
        assertThat(sniffer.detect("Hello, plain words.\nSecond line.\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
        byte[] binary = new byte[512];
        new java.util.Random(7).nextBytes(binary);
        assertThat(MediaKind.of(sniffer.detect(binary))).isEqualTo(MediaKind.OTHER);
    }

    @Test
    void mediaKindsFollowTheMimeType() {
        assertThat(MediaKind.of("image/webp")).isEqualTo(MediaKind.IMAGE);
        assertThat(MediaKind.of("video/quicktime")).isEqualTo(MediaKind.VIDEO);
        assertThat(MediaKind.of("audio/x-wav")).isEqualTo(MediaKind.AUDIO);
        assertThat(MediaKind.of("application/pdf")).isEqualTo(MediaKind.PDF);
        assertThat(MediaKind.of("application/json")).isEqualTo(MediaKind.TEXT);
        assertThat(MediaKind.of("application/zip")).isEqualTo(MediaKind.OTHER);
        // Containers Tika cannot place: ffprobe settles video vs audio in the metadata step.
        assertThat(MediaKind.of("application/x-matroska")).isEqualTo(MediaKind.VIDEO);
    }

    @Test
    void playlistsAreNotMediaBecauseFollowingThemWouldFetchWhateverTheyName() {
        byte[] hls = "#EXTM3U\n#EXTINF:10,\nhttp://example.com/a.ts\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(MediaKind.of(sniffer.detect(hls))).isEqualTo(MediaKind.OTHER);
        assertThat(MediaKind.of("audio/x-mpegurl")).isEqualTo(MediaKind.OTHER);
        assertThat(MediaKind.of("audio/x-scpls")).isEqualTo(MediaKind.OTHER);
    }
}
