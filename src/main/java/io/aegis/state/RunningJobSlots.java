package io.aegis.state;

import io.aegis.platform.aws.ResourceNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Each limited tenant's running jobs as one item of the limits table (key {@code running#<tenant>}, a string set of
 * job ids), taken and given back with conditional writes: a job joins only while the set is smaller than the limit,
 * so orchestrators in any number of processes, claiming at the same instant, never run more than the limit together.
 * <p>
 * The same item lists the tenant's jobs waiting for a slot ({@code waiting}, a string set of {@link #waitingEntry}s,
 * which sort oldest first): whichever process gives a slot back learns from that same write who waits, and takes one
 * waiter off the list ({@link #unlist}, conditional, so two processes never wake the same job for one slot).
 */
@Component
public class RunningJobSlots {

    /** Entries on one tenant's waiting list at most (about 60 bytes each): beyond it a job waits for its fallback. */
    public static final int MAX_WAITING = 2000;

    private static final String JOBS = "jobs";
    private static final String WAITING = "waiting";

    private final DynamoDbClient dynamo;
    private final String table;

    public RunningJobSlots(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.tables().limits();
    }

    /**
     * A job's place on its tenant's waiting list: priority jobs first, then by creation, so the list's sorted order
     * is the order jobs are woken in. Derived from the job alone, so any process can remove it.
     */
    public static String waitingEntry(Job job) {
        return (job.priority() ? "0" : "1") + String.format("%013d", job.createdAt().toEpochMilli()) + "/" + job.jobId();
    }

    /** The job id of a {@link #waitingEntry}. */
    public static String jobIdOf(String waitingEntry) {
        return waitingEntry.substring(waitingEntry.indexOf('/') + 1);
    }

    /** Adds the job to its tenant's running set if the set holds fewer than {@code limit} (or already has it). */
    public boolean take(String tenant, String jobId, int limit) {
        return take(tenant, jobId, limit, null);
    }

    /**
     * Adds the job to its tenant's running set if the set holds fewer than {@code limit} (or already has it), and in
     * the same write takes its {@code waitingEntry} (if any) off the waiting list.
     */
    public boolean take(String tenant, String jobId, int limit, String waitingEntry) {
        Map<String, String> names = new HashMap<>(Map.of("#jobs", JOBS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":job", AttributeValue.fromSs(List.of(jobId)),
                ":limit", AttributeValue.fromN(Integer.toString(limit)), ":id", AttributeValue.fromS(jobId)));
        String update = "ADD #jobs :job";
        if (waitingEntry != null) {
            names.put("#waiting", WAITING);
            values.put(":entry", AttributeValue.fromSs(List.of(waitingEntry)));
            update += " DELETE #waiting :entry";
        }
        String expression = update;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(tenant))
                    .updateExpression(expression)
                    .conditionExpression("attribute_not_exists(#jobs) OR size(#jobs) < :limit OR contains(#jobs, :id)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    /** The jobs holding the tenant's slots now (read consistently). */
    public List<String> holders(String tenant) {
        return set(tenant, JOBS);
    }

    /** The tenant's waiting list now, oldest first (read consistently). */
    public List<String> waiting(String tenant) {
        return set(tenant, WAITING);
    }

    /** Puts the job on its tenant's waiting list; false when the list is full ({@link #MAX_WAITING}). */
    public boolean await(String tenant, String waitingEntry) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(tenant))
                    .updateExpression("ADD #waiting :entry")
                    .conditionExpression("attribute_not_exists(#waiting) OR size(#waiting) < :cap OR contains(#waiting, :e)")
                    .expressionAttributeNames(Map.of("#waiting", WAITING))
                    .expressionAttributeValues(Map.of(":entry", AttributeValue.fromSs(List.of(waitingEntry)),
                            ":cap", AttributeValue.fromN(Integer.toString(MAX_WAITING)),
                            ":e", AttributeValue.fromS(waitingEntry))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    /** Takes the entry off the waiting list; true only for the one call that removed it. */
    public boolean unlist(String tenant, String waitingEntry) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(tenant))
                    .updateExpression("DELETE #waiting :entry")
                    .conditionExpression("contains(#waiting, :e)")
                    .expressionAttributeNames(Map.of("#waiting", WAITING))
                    .expressionAttributeValues(Map.of(":entry", AttributeValue.fromSs(List.of(waitingEntry)),
                            ":e", AttributeValue.fromS(waitingEntry))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    /** Gives the job's slot back; a job that holds none changes nothing. */
    public void release(String tenant, String jobId) {
        release(tenant, jobId, null);
    }

    /**
     * Gives the job's slot back and takes its {@code waitingEntry} (if any) off the waiting list, in one write.
     * Returns the waiting list as it was (oldest first, without the job's own entry) when this write freed a slot,
     * else (the job held none) an empty list: only a freed slot wakes a waiter.
     */
    public List<String> release(String tenant, String jobId, String waitingEntry) {
        Map<String, String> names = new HashMap<>(Map.of("#jobs", JOBS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":job", AttributeValue.fromSs(List.of(jobId))));
        String update = "DELETE #jobs :job";
        if (waitingEntry != null) {
            names.put("#waiting", WAITING);
            values.put(":entry", AttributeValue.fromSs(List.of(waitingEntry)));
            update += ", #waiting :entry";
        }
        String expression = update;
        var old = dynamo.updateItem(b -> b.tableName(table).key(key(tenant))
                .updateExpression(expression)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        if (old == null || !old.containsKey(JOBS) || !old.get(JOBS).ss().contains(jobId)) {
            return List.of();
        }
        List<String> waiting = new ArrayList<>(old.containsKey(WAITING) ? old.get(WAITING).ss() : List.of());
        waiting.remove(waitingEntry);
        waiting.sort(null);
        return waiting;
    }

    private List<String> set(String tenant, String attribute) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenant)).consistentRead(true)).item();
        if (item == null || !item.containsKey(attribute)) {
            return List.of();
        }
        List<String> values = new ArrayList<>(item.get(attribute).ss());
        values.sort(null);
        return values;
    }

    private static Map<String, AttributeValue> key(String tenant) {
        return Map.of("limitKey", AttributeValue.fromS("running#" + tenant));
    }
}
