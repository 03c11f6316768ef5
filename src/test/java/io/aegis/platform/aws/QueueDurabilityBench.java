package io.aegis.platform.aws;

import io.aegis.bench.SqsHop;
import io.aegis.testsupport.JarProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;


/**
 * bench/durability.sh: the embedded SQS (ElasticMQ, in this JVM as in the app) with its messages in memory and with
 * them persisted in H2 (the default since issue 15): send → receive → delete, one message per call, 2 producer and
 * 2 consumer threads ({@link SqsHop}, as bench part 1 measures the in-memory server). Prints one Markdown row per mode.
 * Args: data folder, messages per run, rounds per mode.
 */
public final class QueueDurabilityBench {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "target/bench-data/durability");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (boolean inMemory : new boolean[] {true, false}) {
            Path dir = Files.createDirectories(data.resolve(inMemory ? "memory" : "persistent"));
            int port = JarProcesses.freePort();
            var props = new EmbeddedAwsProperties(dir, "127.0.0.1", JarProcesses.freePort(), port, JarProcesses.freePort(),
                    inMemory, true, null, null, "local", "local-secret", List.of());
            try (EmbeddedSqs sqs = EmbeddedSqs.start(props);
                 SqsClient client = SqsHop.client(port)) {
                String queue = client.createQueue(b -> b.queueName("bench-durability")).queueUrl();
                SqsHop.rate(client, queue, 300); // warm-up
                List<Double> rates = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    rates.add(SqsHop.rate(client, queue, messages));
                }
                rates.sort(Double::compare);
                System.out.printf("| %s | %d × %d | %.0f | %.0f … %.0f |%n",
                        inMemory ? "in memory (before issue 15)" : "persisted in H2 (data/sqs, default)",
                        rounds, messages, rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1));
            }
        }
    }
}
