package io.aegis.operate;

import java.util.List;
import org.apache.camel.model.RouteDefinition;

/** One version of a route file, read once: the bytes that were hashed are the bytes that were parsed. */
public record ParsedRouteFile(String name, String text, String sha256, List<RouteDefinition> routes) {

    public List<String> routeIds() {
        return routes.stream().map(RouteDefinition::getRouteId).toList();
    }
}
