package io.aegis.it;

import io.aegis.platform.aws.EmbeddedAwsProperties;
import io.aegis.platform.aws.EmbeddedAwsServers;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.Job;
import io.aegis.state.JobStore;
import io.aegis.testsupport.JarProcesses;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Embedded S3, SQS and DynamoDB in the test JVM on free ports, for app processes started by {@link AppProcess}:
 * the queues' in-flight state lives here, so it survives the child being killed. The test reads the job
 * table and the processed bucket directly, through its own SDK clients.
 */
final class ChildAwsServers implements AutoCloseable {

    static final String ACCESS_KEY = "local";
    static final String SECRET_KEY = "local-secret";
    static final String RAW_BUCKET = "aegis-raw";
    static final String PROCESSED_BUCKET = "aegis-processed";

    private final EmbeddedAwsProperties props;
    private final EmbeddedAwsServers servers;
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final JobStore jobs;

    private ChildAwsServers(EmbeddedAwsProperties props) {
        this.props = props;
        this.servers = EmbeddedAwsServers.start(props);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        this.s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create(s3Endpoint())).forcePathStyle(true).build();
        this.sqs = SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create(sqsEndpoint())).build();
        this.dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create(dynamodbEndpoint())).build();
        // The names the application uses by default (application.yaml); the child creates the resources.
        var names = new ResourceNames(new ResourceNames.Buckets(RAW_BUCKET, PROCESSED_BUCKET),
                new ResourceNames.Queues("aegis-jobs", "aegis-jobs-priority", "aegis-media", "aegis-ai", "aegis-ingest",
                        "-dlq", 5, 1, 30, null, "aegis-webhooks"),
                new ResourceNames.Tables("aegis-jobs", "byTenant", "unfinishedByUpdate", "aegis-assets", "aegis-idempotency",
                        "aegis-uploads", "queuedByTenant", "byExpiry", "byTenant", "aegis-limits", "aegis-webhooks",
                        "byTenant", "aegis-webhook-deliveries"));
        this.jobs = new JobStore(dynamo, names, event -> { });
    }

    static ChildAwsServers start() {
        Path dataDir = Path.of("target", "child-data", UUID.randomUUID().toString());
        return new ChildAwsServers(new EmbeddedAwsProperties(dataDir, "127.0.0.1", JarProcesses.freePort(),
                JarProcesses.freePort(), JarProcesses.freePort(), true, true, null, null, ACCESS_KEY, SECRET_KEY, java.util.List.of()));
    }

    EmbeddedAwsProperties props() {
        return props;
    }

    String s3Endpoint() {
        return "http://127.0.0.1:" + props.s3Port();
    }

    String sqsEndpoint() {
        return "http://127.0.0.1:" + props.sqsPort();
    }

    String dynamodbEndpoint() {
        return "http://127.0.0.1:" + props.dynamodbPort();
    }

    /** A directory of its own for one child (scratch, search store). */
    String childDir(String name) {
        return props.dataDir().resolve(name).toAbsolutePath().toString();
    }

    Job job(String jobId) {
        return jobs.find(jobId).orElseThrow(() -> new AssertionError("no job " + jobId));
    }

    /** Every object under {@code prefix} in the processed bucket, by key. */
    Map<String, S3Object> processedObjects(String prefix) {
        Map<String, S3Object> objects = new TreeMap<>();
        s3.listObjectsV2Paginator(b -> b.bucket(PROCESSED_BUCKET).prefix(prefix))
                .contents().forEach(o -> objects.put(o.key(), o));
        return objects;
    }

    /** Messages on the queue, visible or in flight. */
    int queuedMessages(String queue) {
        String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    S3Client s3() {
        return s3;
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
        dynamo.close();
        servers.close();
    }
}
