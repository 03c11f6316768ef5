package io.aegis.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Judges the AWS calls a process recorded ({@code aegis.aws.call-log}, one JSON line per call) against an IAM policy
 * document, the way IAM does for Allow statements without conditions (the only kind the task policies have): each call
 * becomes the action and resource ARN IAM authorises it as, and some Allow statement must match both. This covers what
 * moto's own enforcement does not (it evaluates no conditions and only some services).
 */
final class IamPolicyCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Statement> allows = new ArrayList<>();
    private final String region;
    private final String account;

    IamPolicyCheck(String policyJson, String region, String account) {
        this.region = region;
        this.account = account;
        try {
            JsonNode statements = JSON.readTree(policyJson).path("Statement");
            for (JsonNode s : statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
                if ("Allow".equals(s.path("Effect").asText()) && s.path("Condition").isMissingNode()) {
                    allows.add(new Statement(patterns(s.path("Action")), patterns(s.path("Resource"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What IAM authorises one recorded call as. */
    record Request(String action, String resource) {
        @Override
        public String toString() {
            return action + " on " + resource;
        }
    }

    /** The distinct requests of a call log that the policy does not allow (empty: all allowed). */
    TreeSet<String> denied(Path callLog) {
        TreeSet<String> denied = new TreeSet<>();
        for (Request request : requests(callLog)) {
            if (!allows(request)) {
                denied.add(request.toString());
            }
        }
        return denied;
    }

    List<Request> requests(Path callLog) {
        List<Request> requests = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(callLog, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    requests.addAll(requestsOf(JSON.convertValue(JSON.readTree(line), Map.class)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requests;
    }

    boolean allows(Request request) {
        return allows.stream().anyMatch(s -> s.actions.stream().anyMatch(p -> p.matcher(request.action).matches())
                && s.resources.stream().anyMatch(p -> p.matcher(request.resource).matches()));
    }

    @SuppressWarnings("unchecked")
    private List<Request> requestsOf(Map<String, String> call) {
        String operation = call.get("operation");
        return switch (call.get("service")) {
            case "S3" -> s3(operation, call);
            case "Sqs" -> List.of(new Request("sqs:" + batchless(operation), queueArn(call)));
            case "DynamoDb" -> List.of(new Request("dynamodb:" + operation, tableArn(call)));
            case "Sns" -> List.of(new Request("sns:" + operation, topicArn(call)));
            default -> List.of(new Request(call.get("service") + ":" + operation, "*"));
        };
    }

    private static List<Request> s3(String operation, Map<String, String> call) {
        String bucket = "arn:aws:s3:::" + call.get("Bucket");
        String object = bucket + "/" + call.get("Key");
        return switch (operation) {
            case "HeadBucket", "ListObjects", "ListObjectsV2" -> List.of(new Request("s3:ListBucket", bucket));
            case "ListObjectVersions" -> List.of(new Request("s3:ListBucketVersions", bucket));
            case "ListMultipartUploads" -> List.of(new Request("s3:ListBucketMultipartUploads", bucket));
            case "ListParts" -> List.of(new Request("s3:ListMultipartUploadParts", object));
            // The keys (and versions) are in the request body, not in the log: any object of the bucket, any version.
            case "DeleteObjects" -> List.of(new Request("s3:DeleteObject", bucket + "/*"),
                    new Request("s3:DeleteObjectVersion", bucket + "/*"));
            case "HeadObject", "GetObject" -> List.of(new Request("s3:GetObject", object));
            case "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "PutObject" ->
                    List.of(new Request("s3:PutObject", object));
            // A copy reads its source and writes its target.
            case "CopyObject" -> List.of(new Request("s3:PutObject", object),
                    new Request("s3:GetObject", "arn:aws:s3:::" + URLDecoder.decode(
                            call.get("CopySource").replaceFirst("^/", "").replaceFirst("\\?versionId=.*$", ""),
                            StandardCharsets.UTF_8)));
            default -> List.of(new Request("s3:" + operation, object));
        };
    }

    private static String batchless(String operation) {
        return operation.endsWith("Batch") ? operation.substring(0, operation.length() - "Batch".length()) : operation;
    }

    private String queueArn(Map<String, String> call) {
        String name = call.containsKey("QueueUrl")
                ? URI.create(call.get("QueueUrl")).getPath().replaceFirst(".*/", "") : call.getOrDefault("QueueName", "*");
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }

    private String tableArn(Map<String, String> call) {
        String table = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + call.get("TableName");
        return call.containsKey("IndexName") ? table + "/index/" + call.get("IndexName") : table;
    }

    private static String topicArn(Map<String, String> call) {
        if (call.containsKey("TopicArn")) {
            return call.get("TopicArn");
        }
        String subscription = call.getOrDefault("SubscriptionArn", "*");
        return subscription.substring(0, Math.max(0, subscription.lastIndexOf(':'))); // a subscription's topic
    }

    private static List<Pattern> patterns(JsonNode node) {
        List<Pattern> patterns = new ArrayList<>();
        for (JsonNode value : node.isArray() ? node : JSON.createArrayNode().add(node)) {
            // IAM wildcards: * any run of characters, ? one character; the rest literal.
            StringBuilder regex = new StringBuilder();
            for (char c : value.asText().toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            patterns.add(Pattern.compile(regex.toString()));
        }
        return patterns;
    }

    private record Statement(List<Pattern> actions, List<Pattern> resources) {
    }
}
