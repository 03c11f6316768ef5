package io.aegis.api;

import java.util.List;

/** GET /v1/jobs: one page of the caller's jobs, newest first; pass nextCursor back for the next page. */
public record JobList(List<JobView> items, String nextCursor) {
}
