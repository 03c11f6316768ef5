package io.aegis.platform.aws;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * bench/durability.sh: the embedded SQS (ElasticMQ, in this JVM as in the app) with its messages in memory and with
 * them persisted in H2 (the default since issue 15): send → receive → delete, one message per call, 2 producer and
 * 2 consumer threads (as bench part 1 measured the in-memory server). Prints one Markdown row per mode.
 * Args: data folder, messages per run, rounds per mode.
 */
public final class QueueDurabilityBench {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "target/bench-data/durability");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (boolean inMemory : new boolean[] {true, false}) {
            Path dir = Files.createDirectories(data.resolve(inMemory ? "memory" : "persistent"));
            int port = freePort();
            var props = new EmbeddedAwsProperties(dir, "127.0.0.1", freePort(), port, freePort(), inMemory, true, null, null,
                    "local", "local-secret", List.of());
            try (EmbeddedSqs sqs = EmbeddedSqs.start(props);
                 SqsClient client = SqsClient.builder().region(Region.US_EAST_1)
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                         .endpointOverride(URI.create("http://127.0.0.1:" + port)).build()) {
                String queue = client.createQueue(b -> b.queueName("bench-durability")).queueUrl();
                hop(client, queue, 300); // warm-up
                List<Double> rates = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    rates.add(hop(client, queue, messages));
                }
                rates.sort(Double::compare);
                System.out.printf("| %s | %d × %d | %.0f | %.0f … %.0f |%n",
                        inMemory ? "in memory (before issue 15)" : "persisted in H2 (data/sqs, default)",
                        rounds, messages, rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1));
            }
        }
    }

    private static double hop(SqsClient sqs, String queue, int messages) throws Exception {
        AtomicInteger received = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int from = p;
            work.add(pool.submit(() -> {
                for (int i = from; i < messages; i += 2) {
                    int n = i;
                    sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"type\":\"STEP_REQUESTED\",\"n\":" + n + "}"));
                }
            }));
        }
        for (int c = 0; c < 2; c++) {
            work.add(pool.submit(() -> {
                while (received.get() < messages) {
                    for (Message m : sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(1).waitTimeSeconds(1)).messages()) {
                        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                        received.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return messages / ((System.nanoTime() - t0) / 1e9);
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
