package io.aegis.orchestrate;

import io.aegis.platform.aws.DeadLetterHeaderFilter;

/**
 * Names of the SQS message attributes a dead letter carries: why it failed, where and when. Eight of the
 * ten attributes SQS allows per message.
 */
public final class DeadLetterAttributes {

    public static final String CODE = DeadLetterHeaderFilter.ATTRIBUTE_PREFIX + "code";
    public static final String MESSAGE = DeadLetterHeaderFilter.ATTRIBUTE_PREFIX + "message";
    public static final String STEP = DeadLetterHeaderFilter.ATTRIBUTE_PREFIX + "step";
    public static final String JOB_ID = DeadLetterHeaderFilter.ATTRIBUTE_PREFIX + "job-id";
    public static final String TENANT = DeadLetterHeaderFilter.ATTRIBUTE_PREFIX + "tenant";
    public static final String FAILED_AT = DeadLetterHeaderFilter.ATTRIBUTE_PREFIX + "failed-at";
    public static final String SOURCE_QUEUE = DeadLetterHeaderFilter.ATTRIBUTE_PREFIX + "source-queue";
    public static final String RETRIES = DeadLetterHeaderFilter.ATTRIBUTE_PREFIX + "retries";

    /** Longest error message kept in an attribute; the full text is in the job and the log. */
    static final int MAX_MESSAGE_CHARS = 1000;

    private DeadLetterAttributes() {
    }
}
