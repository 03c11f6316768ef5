package io.aegis.orchestrate;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Limits the validate step enforces and which worker queue runs each step. */
@ConfigurationProperties("aegis")
public record PipelineProperties(Limits limits, Steps steps) {

    public record Limits(DataSize maxBytes, int sniffBytes) {
    }

    /** {@code queue} maps a step name to a worker role: media or ai. */
    public record Steps(Map<String, String> queue, Duration lease) {
        public Steps {
            lease = lease == null ? Duration.ofMinutes(2) : lease;
        }
    }
}
