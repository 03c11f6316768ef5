package io.aegis.ai.model;

import java.util.Optional;

/**
 * Which model really answered the last call on this thread. camel-langchain4j-chat hands the route only the
 * answer's text, so a fallback to the offline model would otherwise be recorded under the cloud provider's
 * name; the producer calls the model synchronously, on the route's own thread, so a thread-local carries it.
 */
public final class AnsweredBy {

    private static final ThreadLocal<ModelIdentity> LAST = new ThreadLocal<>();

    private AnsweredBy() {
    }

    static void record(ModelIdentity identity) {
        LAST.set(identity);
    }

    public static void clear() {
        LAST.remove();
    }

    /** The identity of the model that answered the last call on this thread, if any; forgets it. */
    public static Optional<ModelIdentity> take() {
        ModelIdentity identity = LAST.get();
        LAST.remove();
        return Optional.ofNullable(identity);
    }
}
