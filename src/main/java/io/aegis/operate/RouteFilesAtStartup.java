package io.aegis.operate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * The route files Camel loaded at start-up ({@code camel.main.routes-include-pattern}) meet the same rules as a live
 * edit before any route starts: no symbolic links, and only what {@link RouteFilePolicy} allows. A file that breaks
 * them stops the start with the file and the reason, instead of running.
 */
@Component
public class RouteFilesAtStartup implements CamelContextConfiguration {

    private final RouteFilePolicy policy;
    private final Path dir;

    public RouteFilesAtStartup(RouteFilePolicy policy, RouteFilesProperties properties) {
        this.policy = policy;
        this.dir = properties.dir().toAbsolutePath().normalize();
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        List<String> problems = new ArrayList<>();
        ModelCamelContext model = (ModelCamelContext) camel;
        for (RouteDefinition route : model.getRouteDefinitions()) {
            check("route " + route.getRouteId(), route.getResource(), route, problems);
        }
        for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
            check("route configuration " + configuration.getId(), configuration.getResource(), configuration, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("route files in " + dir + " refused: " + String.join("; ", problems)
                    + " (routes/README.md: What a route file may use)");
        }
    }

    private void check(String what, Resource resource, Object model, List<String> problems) {
        String file = RouteFileReloader.fileInDir(dir, resource);
        if (file == null) {
            return; // Java routes
        }
        if (Files.isSymbolicLink(dir.resolve(file))) {
            problems.add(file + " is a symbolic link");
            return;
        }
        policy.violations(what + " (" + file + ")", model).forEach(problems::add);
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }
}
