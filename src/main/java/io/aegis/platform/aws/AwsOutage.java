package io.aegis.platform.aws;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Tells an outage of S3, SQS or DynamoDB (unreachable, a 5xx, throttled) from everything else: an outage is
 * nobody's fault and passes, so the work waits for the service instead of failing a job. A 4xx answer (a
 * missing object, a refused request) is not an outage.
 */
public final class AwsOutage {

    private AwsOutage() {
    }

    /** The exception being handled on this exchange is an outage. */
    public static boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return is(failure);
    }

    /**
     * True when the failure is itself an SDK outage, seen through Camel's wrappers only: a step's own failure
     * that merely has one as its cause (an AI provider on Bedrock, say) is judged by that step.
     */
    public static boolean is(Throwable failure) {
        Throwable current = failure;
        while (current instanceof RuntimeCamelException || current instanceof CamelExecutionException) {
            current = current.getCause();
        }
        if (current instanceof SdkClientException) {
            return true;
        }
        return current instanceof AwsServiceException service
                && (service.statusCode() >= 500 || service.isThrottlingException());
    }
}
