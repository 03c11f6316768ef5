package io.aegis.platform.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * TEST ONLY ({@code aegis.aws.call-log}, set by make aws-e2e): appends one JSON line per AWS call this process makes
 * (service, operation and the fields that name its resource) to a file, so the end-to-end test can check every call
 * against the IAM policy Terraform gives the process's role, including the services and conditions a local emulator
 * does not enforce. Off unless configured; never on in a deployment.
 */
final class AwsCallRecorder implements ExecutionInterceptor {

    /** Request fields that name what a call touches, in the SDK's own (wire) names. */
    static final List<String> RESOURCE_FIELDS = List.of(
            "QueueUrl", "QueueName", "TableName", "IndexName", "Bucket", "Key", "CopySource", "TopicArn",
            "SubscriptionArn", "Endpoint");

    private final Path file;

    AwsCallRecorder(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Map<String, String> call = new LinkedHashMap<>();
        call.put("service", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        call.put("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (context.request() instanceof AwsRequest request) {
            for (String field : RESOURCE_FIELDS) {
                request.getValueForField(field, Object.class).ifPresent(value -> call.put(field, value.toString()));
            }
            // A batch call (BatchGetItem, BatchWriteItem) names its tables as the keys of RequestItems: the table it
            // touches, as IAM authorises it (Aegis batches within one table).
            request.getValueForField("RequestItems", Object.class)
                    .filter(items -> items instanceof Map<?, ?> map && !map.isEmpty())
                    .ifPresent(items -> call.putIfAbsent("TableName", ((Map<?, ?>) items).keySet().iterator().next().toString()));
        }
        write(call);
    }

    // One lock for every client's recorder: they share the file.
    private void write(Map<String, String> call) {
        StringBuilder line = new StringBuilder("{");
        call.forEach((key, value) -> {
            if (line.length() > 1) {
                line.append(',');
            }
            line.append('"').append(key).append("\":\"").append(escape(value)).append('"');
        });
        line.append("}\n");
        synchronized (AwsCallRecorder.class) {
            try {
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record an AWS call to " + file, e);
            }
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
