package io.aegis.steps;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every step a plan may name and the worker queue each runs on: the built-in ones ({@code aegis.steps.queue}) and
 * those declared in {@code routes/steps/} ({@link StepDeclaration}), which the route-file loader adds and withdraws
 * while the app runs. A plan naming a step that is in neither fails loudly instead of stranding the job.
 */
public class StepCatalog {

    /** Steps every job runs before its plan; no plan may name them and no file may declare them. */
    public static final Set<String> BEFORE_THE_PLAN = Set.of("validate", "metadata");
    public static final Set<String> QUEUES = Set.of("media", "ai");

    private final Map<String, String> builtIn;
    private final Function<String, Duration> builtInTimeout;
    private final Map<String, StepDeclaration> declared = new ConcurrentHashMap<>();

    public StepCatalog(Map<String, String> builtInQueues, Function<String, Duration> builtInTimeout) {
        this.builtIn = Map.copyOf(builtInQueues);
        this.builtInTimeout = builtInTimeout;
    }

    /** True when a plan may name {@code step}. */
    public boolean knows(String step) {
        return builtIn.containsKey(step) || declared.containsKey(step);
    }

    public boolean isBuiltIn(String step) {
        return builtIn.containsKey(step) || BEFORE_THE_PLAN.contains(step);
    }

    /** The worker role (media or ai) whose queue runs {@code step}; media when unknown. */
    public String queueOf(String step) {
        StepDeclaration declaration = declared.get(step);
        return declaration != null ? declaration.queue() : builtIn.getOrDefault(step, "media");
    }

    /** How long {@code step} may run: a declared step's own timeout, else aegis.steps.timeout. */
    public Duration timeoutOf(String step) {
        StepDeclaration declaration = declared.get(step);
        return declaration != null ? declaration.timeout() : builtInTimeout.apply(step);
    }

    public Optional<StepDeclaration> declaration(String step) {
        return Optional.ofNullable(declared.get(step));
    }

    public List<StepDeclaration> declarations() {
        return List.copyOf(declared.values());
    }

    /** Every step name a plan may use, sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(builtIn.keySet());
        names.addAll(declared.keySet());
        return names;
    }

    /** Adds or replaces a declared step (its file was loaded). */
    public void declare(StepDeclaration declaration) {
        if (isBuiltIn(declaration.name())) {
            throw new IllegalArgumentException(declaration.name() + " is a built-in step");
        }
        declared.put(declaration.name(), declaration);
    }

    /** Removes a declared step (its file was deleted, or now declares another name). */
    public void withdraw(String step) {
        declared.remove(step);
    }
}
