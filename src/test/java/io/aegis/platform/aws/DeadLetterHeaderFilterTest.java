package io.aegis.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Only the failure reason and the trace context travel with a dead letter; Authorization and Camel's own
 * headers never do.
 */
class DeadLetterHeaderFilterTest {

    private final DeadLetterHeaderFilter filter = new DeadLetterHeaderFilter();
    private final DefaultExchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void letsOnlyTheDeadLetterAttributesThrough() {
        assertThat(filter.applyFilterToCamelHeaders("aegis-dlq-code", "INTERNAL", exchange)).isFalse();
        assertThat(filter.applyFilterToCamelHeaders("Authorization", "Bearer x", exchange)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("aegis.jobId", "j", exchange)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("CamelAwsSqsMessageId", "m", exchange)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("x-aegis-dlq-code", "x", exchange)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("traceparent", "00-abc-def-01", exchange)).isFalse();
        assertThat(filter.applyFilterToCamelHeaders("traceparent-x", "x", exchange)).isTrue();
    }
}
