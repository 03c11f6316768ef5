package io.aegis.platform;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Ports, credentials and storage of the in-process S3, SQS and DynamoDB servers. {@code s3CorsOrigins}: the web
 * origins (exact, e.g. {@code http://localhost:8080}) whose pages may PUT to presigned upload URLs and GET
 * presigned downloads on the embedded S3 from a browser.
 */
@ConfigurationProperties("aegis.embedded")
public record EmbeddedAwsProperties(
        Path dataDir,
        String bindAddress,
        int s3Port,
        int sqsPort,
        int dynamodbPort,
        boolean dynamodbInMemory,
        String accessKey,
        String secretKey,
        List<String> s3CorsOrigins) {

    public EmbeddedAwsProperties {
        s3CorsOrigins = s3CorsOrigins == null ? List.of() : List.copyOf(s3CorsOrigins);
    }
}
