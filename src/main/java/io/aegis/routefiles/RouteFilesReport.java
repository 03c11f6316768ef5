package io.aegis.routefiles;

import java.time.Instant;
import java.util.List;

/** GET /v1/admin/routes: the route files now running and the last reload attempt (null before the first). */
public record RouteFilesReport(List<LoadedFile> files, ReloadAttempt lastReload) {

    /** A route file as it runs now: the hash of the content its routes came from. */
    public record LoadedFile(String file, String sha256, List<String> routeIds, Instant loadedAt) {
    }
}
