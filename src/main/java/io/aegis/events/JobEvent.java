package io.aegis.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job change as it travels between processes (the SNS message body) and as the api process republishes it
 * in-process (a Spring application event): the job's tenant, its id, and the job as GET /v1/jobs/{id} shows it.
 */
public record JobEvent(String tenant, String jobId, JsonNode job) {
}
