package io.aegis.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Only the trace context travels as SQS attributes with a job message; the job's own headers never do. */
class SqsHeaderFilterTest {

    private final SqsHeaderFilter filter = new SqsHeaderFilter();
    private final DefaultExchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void letsOnlyTheTraceContextThrough() {
        assertThat(filter.applyFilterToCamelHeaders("traceparent", "00-abc-def-01", exchange)).isFalse();
        assertThat(filter.applyFilterToCamelHeaders("tracestate", "k=v", exchange)).isFalse();
        assertThat(filter.applyFilterToCamelHeaders("Authorization", "Bearer x", exchange)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("aegis.jobId", "j", exchange)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("traceparent-x", "x", exchange)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("x-traceparent", "x", exchange)).isTrue();
    }
}
