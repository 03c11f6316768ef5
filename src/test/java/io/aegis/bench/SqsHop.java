package io.aegis.bench;

import java.net.URI;
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
 * The raw queue hop the pipeline bench (part 1) and the durability bench measure an embedded SQS with, as the app's
 * SQS endpoints use it: 2 producer threads sending one message per call, 2 consumers receiving one at a time with
 * long polling, then deleting it.
 */
public final class SqsHop {

    private SqsHop() {
    }

    /** An SDK client of the embedded SQS listening on {@code port}, with the embedded servers' local credentials. */
    public static SqsClient client(int port) {
        return SqsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .endpointOverride(URI.create("http://127.0.0.1:" + port)).build();
    }

    /** Sends, receives and deletes {@code messages} messages on {@code queue}: messages per second, end to end. */
    public static double rate(SqsClient sqs, String queue, int messages) throws Exception {
        AtomicInteger received = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
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
                        for (Message m : sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(1).waitTimeSeconds(1)
                                .messageAttributeNames("All")).messages()) {
                            sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                            received.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            return messages / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
