package io.aegis.orchestrate;

import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProviderUnavailable;
import io.aegis.state.StepFailure;
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
    void providerUnavailableKeepsItsCodeAndNotTheProvidersWords() {
        fail(new ProviderUnavailable("openai model gpt-4o-mini at https://api.openai.example/v1 is unavailable after 3 "
                + "attempts (server_error): Connection refused: api.openai.example/10.1.2.3:443", null));

        verify(lifecycle).fail(eq("job-1"), eq("summarize"), argThat(error ->
                error.code().equals(ErrorCode.PROVIDER_UNAVAILABLE.name()) && error.message().contains("retries exhausted")
                        && !error.message().contains("openai") && !error.message().contains("10.1.2.3")));
    }

    @Test
    void anyOtherExhaustedFailureIsInternalWithoutTheExceptionsText() {
        fail(new IllegalStateException("User: arn:aws:sts::123456789012:assumed-role/aegis-media/task is not authorized "
                + "to perform s3:PutObject on aegis-processed-prod-123456789012 (Service: S3, Host: s3.eu-west-1.amazonaws.com)"));

        verify(lifecycle).fail(eq("job-1"), eq("summarize"), argThat(error -> error.code().equals(ErrorCode.INTERNAL.name())
                && !error.message().contains("arn:") && !error.message().contains("123456789012")
                && !error.message().contains("amazonaws.com") && !error.message().contains("IllegalStateException")));
    }

    @Test
    void aPermanentFailureKeepsItsMessageButNotTheToolsOwnWords() {
        fail(new StepFailure(ErrorCode.CORRUPT_MEDIA, "ffmpeg could not process the file (exit 1)")
                .withDetail("/tmp/aegis-work/job-1-123/original: Invalid data found when processing input"));

        verify(lifecycle).fail(eq("job-1"), eq("summarize"), argThat(error -> error.code().equals("CORRUPT_MEDIA")
                && error.message().equals("ffmpeg could not process the file (exit 1)")));
    }

    @Test
    void whateverAStepWritesTheTenantReadsNoArnHostPathOrAccount() {
        fail(new StepFailure(ErrorCode.PROVIDER_UNAVAILABLE, "bedrock arn:aws:bedrock:eu-west-1:123456789012:foundation-model/x "
                + "at bedrock-runtime.eu-west-1.amazonaws.com:443 (10.0.0.7) read /var/lib/aegis/data/x.wav failed"));

        verify(lifecycle).fail(eq("job-1"), eq("summarize"), argThat(error -> !error.message().contains("arn:aws")
                && !error.message().contains("123456789012") && !error.message().contains(":443")
                && !error.message().contains("10.0.0.7") && !error.message().contains("/var/lib")));
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
                error.message().equals("retries exhausted; the step failed for a reason on our side; message kept in aegis-media-dlq")));
    }
}
