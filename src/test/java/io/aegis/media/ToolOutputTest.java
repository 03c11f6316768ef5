package io.aegis.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ToolOutputTest {

    @Test
    void withinTheLimitEverythingIsKept() {
        var out = new ToolOutput(16);
        out.write("hello ".getBytes(StandardCharsets.UTF_8), 0, 6);
        out.write("tool".getBytes(StandardCharsets.UTF_8), 0, 4);
        assertThat(new String(out.tail(), StandardCharsets.UTF_8)).isEqualTo("hello tool");
        assertThat(out.captured().truncated()).isFalse();
    }

    @Test
    void pastTheLimitTheLastBytesAreKeptInOrder() {
        var out = new ToolOutput(8);
        for (String chunk : new String[] {"abc", "defgh", "ijklmnop", "qr"}) {
            out.write(chunk.getBytes(StandardCharsets.UTF_8), 0, chunk.length());
        }
        assertThat(new String(out.tail(), StandardCharsets.UTF_8)).isEqualTo("klmnopqr");
        assertThat(out.captured().truncated()).isTrue();
        assertThat(out.captured().written()).isEqualTo(18);
    }

    @Test
    void nothingWrittenIsNoStream() {
        assertThat(new ToolOutput(8).captured()).isNull();
    }
}
