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

    /**
     * {@code queue} maps a step name to a worker role: media or ai. A running step holds its job's lease
     * for {@code lease}, renewed every {@code leaseRenewal} while it works. {@code timeout} maps a step name
     * (or {@code default}) to how long the step may run: its tools are killed then.
     */
    public record Steps(Map<String, String> queue, Duration lease, Duration leaseRenewal,
                        Map<String, Duration> timeout) {
        public Steps {
            lease = lease == null ? Duration.ofMinutes(2) : lease;
            leaseRenewal = leaseRenewal == null ? lease.dividedBy(4) : leaseRenewal;
            timeout = timeout == null ? Map.of() : Map.copyOf(timeout);
        }

        public Duration timeoutOf(String step) {
            return timeout.getOrDefault(step, timeout.getOrDefault("default", Duration.ofMinutes(30)));
        }
    }
}
