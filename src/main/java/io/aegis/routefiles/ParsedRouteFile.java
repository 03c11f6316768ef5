package io.aegis.routefiles;

import io.aegis.steps.StepDeclaration;
import java.util.List;
import org.apache.camel.model.RouteDefinition;

/**
 * One version of a route file, read once: the bytes that were hashed are the bytes that were parsed. {@code step} is
 * the step a file of routes/steps/ declares, null for other route files.
 */
public record ParsedRouteFile(String name, String text, String sha256, List<RouteDefinition> routes, StepDeclaration step) {

    public ParsedRouteFile(String name, String text, String sha256, List<RouteDefinition> routes) {
        this(name, text, sha256, routes, null);
    }

    public List<String> routeIds() {
        return routes.stream().map(RouteDefinition::getRouteId).toList();
    }
}
