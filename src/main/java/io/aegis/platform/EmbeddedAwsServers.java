package io.aegis.platform;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real S3 (S3Proxy, filesystem-backed), SQS (ElasticMQ) and DynamoDB (DynamoDB Local) servers inside the
 * JVM, all listening on {@code bind-address} only (loopback by default, always in dev mode), so a fresh machine
 * runs the whole pipeline with no AWS account and nothing on the network can reach their fixed credentials.
 */
public final class EmbeddedAwsServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAwsServers.class);

    private final S3Proxy s3;
    private final SQSRestServer sqs;
    private final DynamoDBProxyServer dynamodb;

    private EmbeddedAwsServers(S3Proxy s3, SQSRestServer sqs, DynamoDBProxyServer dynamodb) {
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

    private static SQSRestServer startSqs(EmbeddedAwsProperties props) {
        try {
            SQSRestServer server = SQSRestServerBuilder
                    .withInterface(props.bindAddress())
                    .withPort(props.sqsPort())
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", props.sqsPort(), ""))
                    .start();
            server.waitUntilStarted();
            return server;
        } catch (Exception e) {
            throw new CompletionException(new IllegalStateException("SQS on port " + props.sqsPort() + ": " + e.getMessage(), e));
        }
    }

    private static DynamoDBProxyServer startDynamoDb(EmbeddedAwsProperties props) {
        try {
            List<String> args = new ArrayList<>(List.of("-port", Integer.toString(props.dynamodbPort()),
                    "-disableTelemetry", "-sharedDb"));
            if (props.dynamodbInMemory()) {
                args.add("-inMemory");
            } else {
                Path dir = Files.createDirectories(props.dataDir().resolve("dynamodb"));
                args.addAll(List.of("-dbPath", dir.toAbsolutePath().toString()));
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindJettyTo(server, props.bindAddress());
            server.start();
            return server;
        } catch (Exception e) {
            throw new CompletionException(new IllegalStateException("DynamoDB on port " + props.dynamodbPort() + ": " + e.getMessage(), e));
        }
    }

    /**
     * DynamoDB Local has no host option and listens on every interface; its Jetty server is set to listen on
     * {@code host} before it starts. Reflective, because the server keeps Jetty in a private field.
     */
    private static void bindJettyTo(DynamoDBProxyServer proxy, String host) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Object jetty = field.get(proxy);
        Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local has no connector to bind");
        }
        for (Object connector : connectors) {
            connector.getClass().getMethod("setHost", String.class).invoke(connector, host);
        }
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
            } else if (server instanceof SQSRestServer rest) {
                rest.stopAndWait();
            } else if (server instanceof DynamoDBProxyServer proxy) {
                proxy.stop();
            }
        } catch (Exception e) {
            log.warn("stopping {} failed: {}", server.getClass().getSimpleName(), e.getMessage());
        }
    }
}
