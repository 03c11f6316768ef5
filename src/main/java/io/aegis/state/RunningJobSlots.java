package io.aegis.state;

import io.aegis.platform.ResourceNames;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Each limited tenant's running jobs as one item of the limits table (key {@code running#<tenant>}, a string set of
 * job ids), taken and given back with conditional writes: a job joins only while the set is smaller than the limit,
 * so orchestrators in any number of processes, claiming at the same instant, never run more than the limit together.
 */
@Component
public class RunningJobSlots {

    private static final String JOBS = "jobs";

    private final DynamoDbClient dynamo;
    private final String table;

    public RunningJobSlots(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.tables().limits();
    }

    /** Adds the job to its tenant's running set if the set holds fewer than {@code limit} (or already has it). */
    public boolean take(String tenant, String jobId, int limit) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(tenant))
                    .updateExpression("ADD #jobs :job")
                    .conditionExpression("attribute_not_exists(#jobs) OR size(#jobs) < :limit OR contains(#jobs, :id)")
                    .expressionAttributeNames(Map.of("#jobs", JOBS))
                    .expressionAttributeValues(Map.of(":job", AttributeValue.fromSs(List.of(jobId)),
                            ":limit", AttributeValue.fromN(Integer.toString(limit)), ":id", AttributeValue.fromS(jobId))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    /** The jobs holding the tenant's slots now (read consistently). */
    public List<String> holders(String tenant) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenant)).consistentRead(true)).item();
        return item == null || !item.containsKey(JOBS) ? List.of() : item.get(JOBS).ss();
    }

    /** Gives the job's slot back; a job that holds none changes nothing. */
    public void release(String tenant, String jobId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(tenant))
                .updateExpression("DELETE #jobs :job")
                .expressionAttributeNames(Map.of("#jobs", JOBS))
                .expressionAttributeValues(Map.of(":job", AttributeValue.fromSs(List.of(jobId)))));
    }

    private static Map<String, AttributeValue> key(String tenant) {
        return Map.of("limitKey", AttributeValue.fromS("running#" + tenant));
    }
}
