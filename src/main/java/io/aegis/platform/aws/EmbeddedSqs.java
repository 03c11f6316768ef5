package io.aegis.platform.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The embedded SQS: ElasticMQ, its queues and messages kept in an H2 database under {@code data/sqs} through
 * ElasticMQ's SQL persistence, so a waiting or in-flight message survives {@code kill -9} and a restart (in-flight
 * ones become visible again when their visibility timeout ends). Every send, receive, visibility change and delete
 * is written (H2 with no write delay) before SQS answers it. Restoring the saved queues and messages finishes
 * before the server listens, so nobody sees a half-restored queue. In memory when {@code sqsInMemory} (tests).
 *
 * <p>ElasticMQ's SQL store is one connection pool per JVM: one persistent embedded SQS per process.
 */
final class EmbeddedSqs implements AutoCloseable {

    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicReference<Path> PERSISTENT_IN_THIS_JVM = new AtomicReference<>();

    private final SQSRestServer server;
    private final ActorSystem actors;

    private EmbeddedSqs(SQSRestServer server, ActorSystem actors) {
        this.server = server;
        this.actors = actors;
    }

    static EmbeddedSqs start(EmbeddedAwsProperties props) {
        var builder = SQSRestServerBuilder
                .withInterface(props.bindAddress())
                .withPort(props.sqsPort())
                .withServerAddress(new NodeAddress("http", "127.0.0.1", props.sqsPort(), ""));
        if (props.sqsInMemory()) {
            SQSRestServer server = builder.start();
            server.waitUntilStarted();
            return new EmbeddedSqs(server, null);
        }
        Path dir = databaseDirectory(props.dataDir());
        ActorSystem actors = ActorSystem.create("elasticmq");
        try {
            var persistence = new SqlQueuePersistenceConfig(true, "org.h2.Driver",
                    // WRITE_DELAY=0: each commit is written to the file at once, not up to a second later.
                    // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database the moment a SIGINT or
                    // SIGTERM arrives, while the app still finishes its steps and sends and deletes messages; close()
                    // closes it once SQS has stopped.
                    "jdbc:h2:file:" + dir.resolve("queues") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "", "", false);
            ActorRef store = actors.actorOf(Props.create(SqlQueuePersistenceActor.class,
                    () -> new SqlQueuePersistenceActor(persistence, noBaseQueues())), "queue-store");
            ActorRef manager = actors.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), SQSRestServerBuilder.sqsLimits(), Option.apply(store))),
                    "queue-manager");
            Object restored = Patterns.ask(store, new QueueEvent.Restore(manager), RESTORE_TIMEOUT)
                    .toCompletableFuture().get(RESTORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (restored instanceof scala.util.Left<?, ?> errors) {
                throw new IllegalStateException("restoring the saved queues from " + dir + " failed: " + errors.value());
            }
            SQSRestServer server = builder.withActorSystem(actors).withQueueManagerActor(manager)
                    .withQueueEventListener(store).start();
            server.waitUntilStarted();
            return new EmbeddedSqs(server, actors);
        } catch (Exception e) {
            actors.terminate();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Path databaseDirectory(Path dataDir) {
        Path dir = dataDir.resolve("sqs").toAbsolutePath().normalize();
        Path earlier = PERSISTENT_IN_THIS_JVM.compareAndExchange(null, dir);
        if (earlier != null && !earlier.equals(dir)) {
            throw new IllegalStateException("a persistent embedded SQS already ran in this JVM on " + earlier
                    + ": ElasticMQ keeps one SQL store per process; set aegis.embedded.sqs-in-memory=true for another");
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static scala.collection.immutable.List<CreateQueueMetadata> noBaseQueues() {
        return CollectionConverters.asScala(List.<CreateQueueMetadata>of()).toList();
    }

    @Override
    public void close() {
        server.stopAndWait();
        if (actors != null) {
            try {
                actors.terminate();
                actors.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Stopping anyway: every change is on disk already.
            }
            // The last connection closed closes the H2 database (every commit is already in its file).
            scalikejdbc.ConnectionPool$.MODULE$.closeAll();
        }
    }
}
