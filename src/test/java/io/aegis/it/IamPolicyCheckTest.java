package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge of make aws-e2e's recorded calls: each call becomes the action and ARN IAM authorises it as. */
class IamPolicyCheckTest {

    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::raw"},
             {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::raw/*/original/*"},
             {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::raw/inbox/*"},
             {"Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:ChangeMessageVisibility"],
              "Resource":"arn:aws:sqs:us-east-1:123456789012:aegis-media"},
             {"Effect":"Allow","Action":"dynamodb:Query","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/jobs/index/byTenant"},
             {"Effect":"Allow","Action":"sns:Unsubscribe","Resource":"arn:aws:sns:us-east-1:123456789012:events"}]}""";

    @Test
    void eachCallIsJudgedAsTheActionAndResourceIamAuthorisesItAs(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("calls.jsonl");
        Files.writeString(log, String.join("\n",
                "{\"service\":\"S3\",\"operation\":\"HeadBucket\",\"Bucket\":\"raw\"}",
                "{\"service\":\"S3\",\"operation\":\"HeadObject\",\"Bucket\":\"raw\",\"Key\":\"t/a/original/x.jpg\"}",
                "{\"service\":\"S3\",\"operation\":\"CopyObject\",\"Bucket\":\"raw\",\"Key\":\"t/a/original/x.jpg\",\"CopySource\":\"raw/inbox/t/x.jpg\"}",
                "{\"service\":\"Sqs\",\"operation\":\"ChangeMessageVisibilityBatch\",\"QueueUrl\":\"http://h/123456789012/aegis-media\"}",
                "{\"service\":\"DynamoDb\",\"operation\":\"Query\",\"TableName\":\"jobs\",\"IndexName\":\"byTenant\"}",
                "{\"service\":\"Sns\",\"operation\":\"Unsubscribe\",\"SubscriptionArn\":\"arn:aws:sns:us-east-1:123456789012:events:abc\"}",
                // Not allowed: a write outside the originals, a read of the wrong queue, the table instead of its index.
                "{\"service\":\"S3\",\"operation\":\"PutObject\",\"Bucket\":\"raw\",\"Key\":\"rejected/x\"}",
                "{\"service\":\"Sqs\",\"operation\":\"ReceiveMessage\",\"QueueUrl\":\"http://h/123456789012/aegis-ai\"}",
                "{\"service\":\"DynamoDb\",\"operation\":\"Query\",\"TableName\":\"jobs\"}"));
        var check = new IamPolicyCheck(POLICY, "us-east-1", "123456789012");
        assertThat(check.requests(log)).hasSize(10);
        assertThat(check.denied(log)).containsExactly(
                "dynamodb:Query on arn:aws:dynamodb:us-east-1:123456789012:table/jobs",
                "s3:PutObject on arn:aws:s3:::raw/rejected/x",
                "sqs:ReceiveMessage on arn:aws:sqs:us-east-1:123456789012:aegis-ai");
    }
}
