package io.aegis.platform.aws;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real S3 (S3Proxy, filesystem-backed) and SQS (ElasticMQ, SQL-persisted: {@link EmbeddedSqs}) servers inside the
 * JVM, and a DynamoDB-compatible one (dynalite: {@link EmbeddedDynamoDb}) as a child process that dies with it, all
 * listening on {@code bind-address} only (loopback by default, always in dev mode) and keeping their data under
 * {@code data/}, so a fresh machine runs the whole pipeline with no AWS account, nothing on the network can reach
 * their fixed credentials, and a restart, even after {@code kill -9}, loses nothing.
 */
public final class EmbeddedAwsServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAwsServers.class);

    private final S3Proxy s3;
    private final EmbeddedSqs sqs;
    private final EmbeddedDynamoDb dynamodb;

    private EmbeddedAwsServers(S3Proxy s3, EmbeddedSqs sqs, EmbeddedDynamoDb dynamodb) {
        this.s3 = s3;
        this.sqs = sqs;
        this.dynamodb = dynamodb;
    }

    /** Starts the three servers in parallel (each takes seconds) and waits until all accept requests. */
    public static EmbeddedAwsServers start(EmbeddedAwsProperties props) {
        long started = System.nanoTime();
        var s3 = CompletableFuture.supplyAsync(() -> startS3(props));
        var sqs = CompletableFuture.supplyAsync(() -> startSqs(props));
        var dynamodb = CompletableFuture.supplyAsync(() -> startDynamoDb(props));
        try {
            var servers = new EmbeddedAwsServers(s3.join(), sqs.join(), dynamodb.join());
            log.info("Embedded S3 :{}, SQS :{}, DynamoDB :{} ready in {} ms (data in {})", props.s3Port(),
                    props.sqsPort(), props.dynamodbPort(), (System.nanoTime() - started) / 1_000_000,
                    props.dataDir().toAbsolutePath().normalize());
            return servers;
        } catch (CompletionException failed) {
            // Stop whichever did start so the ports are free for the next attempt.
            List.of(s3, sqs, dynamodb).forEach(f -> f.thenAccept(EmbeddedAwsServers::stopQuietly));
            throw new IllegalStateException("embedded AWS servers failed to start: " + failed.getCause().getMessage(),
                    failed.getCause());
        }
    }

    private static S3Proxy startS3(EmbeddedAwsProperties props) {
        try {
            Path dir = Files.createDirectories(props.dataDir().resolve("s3"));
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()))
                    .endpoint(URI.create("http://" + props.bindAddress() + ":" + props.s3Port()))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, props.accessKey(), props.secretKey())
                    .corsRules(corsRules(props.s3CorsOrigins()))
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            return proxy;
        } catch (Exception e) {
            throw new CompletionException(new IllegalStateException("S3 on port " + props.s3Port() + ": " + e.getMessage(), e));
        }
    }

    /**
     * Browsers may PUT presigned uploads (with the signed Content-Type) and GET presigned downloads from these
     * origins only. S3Proxy reads origins as regular expressions: quoted, so each is matched exactly, except
     * that a trailing {@code :*} stands for any port (tests, whose app port is random).
     */
    private static CrossOriginResourceSharing corsRules(List<String> origins) {
        if (origins.isEmpty()) {
            return CrossOriginResourceSharing.disabled();
        }
        return new CrossOriginResourceSharing(origins.stream().map(EmbeddedAwsServers::originPattern).toList(),
                List.of("GET", "HEAD", "PUT"), List.of("Content-Type"), List.of("ETag"), "");
    }

    private static String originPattern(String origin) {
        return origin.endsWith(":*")
                ? Pattern.quote(origin.substring(0, origin.length() - 2)) + ":[0-9]{1,5}"
                : Pattern.quote(origin);
    }

    private static EmbeddedSqs startSqs(EmbeddedAwsProperties props) {
        try {
            return EmbeddedSqs.start(props);
        } catch (Exception e) {
            throw new CompletionException(new IllegalStateException("SQS on port " + props.sqsPort() + ": " + e.getMessage(), e));
        }
    }

    private static EmbeddedDynamoDb startDynamoDb(EmbeddedAwsProperties props) {
        try {
            return EmbeddedDynamoDb.start(props);
        } catch (Exception e) {
            throw new CompletionException(new IllegalStateException("DynamoDB on port " + props.dynamodbPort() + ": " + e.getMessage(), e));
        }
    }

    /** The process id of the DynamoDB child (tests check that it ends with the app). */
    public long dynamodbPid() {
        return dynamodb.pid();
    }

    @Override
    public void close() {
        stopQuietly(s3);
        stopQuietly(sqs);
        stopQuietly(dynamodb);
    }

    private static void stopQuietly(Object server) {
        try {
            if (server instanceof S3Proxy proxy) {
                proxy.stop();
            } else if (server instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (Exception e) {
            log.warn("stopping {} failed: {}", server.getClass().getSimpleName(), e.getMessage());
        }
    }
}
