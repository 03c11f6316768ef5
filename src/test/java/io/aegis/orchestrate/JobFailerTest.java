package io.aegis.orchestrate;

import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProviderUnavailable;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A provider that stays down fails the job PROVIDER_UNAVAILABLE, not INTERNAL; a dead letter is named. */
class JobFailerTest {

    private final JobLifecycle lifecycle = mock(JobLifecycle.class);

    private void fail(Throwable cause) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(AegisHeaders.JOB_ID, "job-1");
        exchange.getMessage().setHeader(AegisHeaders.STEP, "summarize");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        new JobFailer(lifecycle).process(exchange);
    }

    @Test
    void providerUnavailableKeepsItsCode() {
        fail(new ProviderUnavailable("openai model gpt-4o-mini is unavailable after 3 attempts (server_error)", null));

        verify(lifecycle).fail(eq("job-1"), eq("summarize"), argThat(error ->
                error.code().equals(ErrorCode.PROVIDER_UNAVAILABLE.name()) && error.message().contains("after 3 attempts")));
    }

    @Test
    void anyOtherExhaustedFailureIsInternal() {
        fail(new IllegalStateException("boom"));

        verify(lifecycle).fail(eq("job-1"), eq("summarize"), argThat(error -> error.code().equals(ErrorCode.INTERNAL.name())));
    }

    @Test
    void aFailureWhoseMessageWentToADlqNamesIt() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(AegisHeaders.JOB_ID, "job-1");
        exchange.getMessage().setHeader(AegisHeaders.STEP, "thumbnails");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("disk full"));
        exchange.setProperty(DeadLetterHandOff.DEAD_LETTER_QUEUE, "aegis-media-dlq");

        new JobFailer(lifecycle).process(exchange);

        verify(lifecycle).fail(eq("job-1"), eq("thumbnails"), argThat(error ->
                error.message().equals("retries exhausted; IllegalStateException: disk full; message kept in aegis-media-dlq")));
    }
}
