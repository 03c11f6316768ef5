package io.aegis.media.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.junit.jupiter.api.Test;

/** Decoded sizes are measured through every filter, and measuring stops at the cap. */
class DecodedSizeTest {

    private static final byte[] CONTENT = "BT /F1 12 Tf (Hello) Tj ET\n".repeat(100).getBytes(StandardCharsets.US_ASCII);

    @Test
    void aChainOfFiltersIsDecodedToTheEnd() throws IOException {
        byte[] hexOfDeflated = HexFormat.of().formatHex(deflate(CONTENT)).getBytes(StandardCharsets.US_ASCII);
        COSStream stream = stream(hexOfDeflated, new COSArray(List.of(COSName.ASCII_HEX_DECODE, COSName.FLATE_DECODE)));

        assertThat(DecodedSize.of(stream, 1_000_000)).isEqualTo(CONTENT.length);
    }

    @Test
    void measuringStopsJustPastTheCap() throws IOException {
        COSStream stream = stream(deflate(CONTENT), COSName.FLATE_DECODE);

        assertThat(DecodedSize.of(stream, 100)).isEqualTo(101);
        assertThat(DecodedSize.of(stream(CONTENT, null), 100)).isEqualTo(101);
    }

    @Test
    void aHugePredictorRowCountsAsPastTheCap() throws IOException {
        COSStream stream = stream(deflate(CONTENT), COSName.FLATE_DECODE);
        COSDictionary parameters = new COSDictionary();
        parameters.setInt(COSName.PREDICTOR, 12);
        parameters.setInt(COSName.COLUMNS, Integer.MAX_VALUE);
        stream.setItem(COSName.DECODE_PARMS, parameters);

        assertThat(DecodedSize.of(stream, 1_000_000)).isEqualTo(1_000_001);
    }

    @Test
    void anImageCodecOnContentIsCorrupt() throws IOException {
        COSStream stream = stream(CONTENT, COSName.DCT_DECODE);

        assertThatThrownBy(() -> DecodedSize.of(stream, 1_000_000))
                .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
    }

    private static COSStream stream(byte[] raw, COSBase filter) throws IOException {
        COSStream stream = new COSStream();
        stream.setItem(COSName.FILTER, filter);
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(raw);
        }
        return stream;
    }

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(bytes);
        }
        return deflated.toByteArray();
    }
}
