package io.aegis.platform.aws;

/**
 * The resolved service endpoints and credentials. A null endpoint means the SDK default (real AWS);
 * null credentials mean the SDK's default credential chain. Holds the embedded servers so they stop
 * after the clients that use them.
 */
public record AwsEndpoints(
        String region,
        String s3,
        String sqs,
        String dynamodb,
        String sns,
        String accessKey,
        String secretKey,
        int maxAttempts,
        java.nio.file.Path callLog,
        EmbeddedAwsServers servers) implements AutoCloseable {

    static AwsEndpoints external(AwsProperties aws) {
        return new AwsEndpoints(aws.region(), blankToNull(aws.s3Endpoint()), blankToNull(aws.sqsEndpoint()),
                blankToNull(aws.dynamodbEndpoint()), blankToNull(aws.snsEndpoint()),
                aws.hasStaticCredentials() ? aws.accessKey() : null,
                aws.hasStaticCredentials() ? aws.secretKey() : null,
                aws.maxAttempts(), aws.callLog(), null);
    }

    static AwsEndpoints embedded(AwsProperties aws, EmbeddedAwsProperties embedded, EmbeddedAwsServers servers) {
        return new AwsEndpoints(aws.region(),
                "http://127.0.0.1:" + embedded.s3Port(),
                "http://127.0.0.1:" + embedded.sqsPort(),
                "http://127.0.0.1:" + embedded.dynamodbPort(),
                null, // no embedded SNS: the job events stay in the process (aegis.job-events.topic-arn is blank)
                embedded.accessKey(), embedded.secretKey(), aws.maxAttempts(), aws.callLog(), servers);
    }

    @Override
    public void close() {
        if (servers != null) {
            servers.close();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
