package io.aegis.state;

/**
 * Published in-process (Spring application event) after {@link JobStore} wrote a job: what the live job
 * stream pushes to the job's tenant. Only this process's writes are seen.
 */
public record JobChanged(Job job) {
}
