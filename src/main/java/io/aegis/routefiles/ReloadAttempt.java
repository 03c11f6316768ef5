package io.aegis.routefiles;

import java.time.Instant;

/** One attempt to apply a route file: what happened and, when it was refused, why (for the operator). */
public record ReloadAttempt(String file, Result result, String error, Instant at) {

    public enum Result { SUCCESS, REJECTED, REMOVED }
}
