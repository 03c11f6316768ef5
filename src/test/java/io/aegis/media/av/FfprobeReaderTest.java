package io.aegis.media.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.media.MediaProperties;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.camel.Exchange;
import java.util.List;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class FfprobeReaderTest {

    private final MediaProperties media = new MediaProperties(null, Duration.ofMinutes(1), null, null, null,
            new MediaProperties.Video(Duration.ofHours(4), 0.1), null, null, null);

    @Test
    void aRecordingThatDoesNotStateItsDurationCountsAsOverTheLimit() {
        Exchange probed = probed("{\"format\":{\"format_name\":\"matroska,webm\"},\"streams\":[{\"codec_type\":\"audio\"}]}");
        assertThatThrownBy(() -> new FfprobeReader(new ObjectMapper(), media).process(probed))
                .isInstanceOfSatisfying(StepFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                    assertThat(failure.getMessage()).contains("does not state its duration");
                });
    }

    @Test
    void aStatedDurationWithinTheLimitPasses() {
        Exchange probed = probed("{\"format\":{\"duration\":\"12.5\"},\"streams\":[{\"codec_type\":\"audio\"}]}");
        new FfprobeReader(new ObjectMapper(), media).process(probed);
        assertThat(probed.getMessage().getHeader("aegis.mediaType")).isEqualTo("audio");
    }

    private static Exchange probed(String json) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(new ExecResult(new ExecCommand("ffprobe", List.of(), null, 0L, null, null, null,
                false, LoggingLevel.OFF),
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null, 0));
        return exchange;
    }
}
