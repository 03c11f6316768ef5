package io.aegis.manage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Only a store that lacks a call (version or multipart-upload listing) lets a purge go on without it; any other
 * refusal (AccessDenied from a missing IAM grant, a throttled request) fails the deletion instead of answering 204
 * with object versions left behind. The purge itself is proven against S3Proxy by AssetLifecycleIT.
 */
class BucketPrefixesTest {

    @Test
    void onlyAMissingCallIsSkipped() {
        assertThat(BucketPrefixes.unsupported(error(501, "NotImplemented"))).isTrue();
        assertThat(BucketPrefixes.unsupported(error(400, "NotImplemented"))).isTrue();
        assertThat(BucketPrefixes.unsupported(error(403, "AccessDenied"))).isFalse();
        assertThat(BucketPrefixes.unsupported(error(503, "SlowDown"))).isFalse();
        assertThat(BucketPrefixes.unsupported(error(404, "NoSuchBucket"))).isFalse();
    }

    private static S3Exception error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
