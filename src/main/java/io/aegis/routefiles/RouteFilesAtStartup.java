package io.aegis.routefiles;

import io.aegis.steps.StepCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The route files Camel loaded at start-up ({@code camel.main.routes-include-pattern}) meet the same rules as a live
 * edit before any route starts: no symbolic links, and only what {@link RouteFilePolicy} allows. The step files of
 * {@code steps/}, which Camel's pattern does not reach, are loaded here first, validated like a live edit, and their
 * steps declared, so the plans may name them; a plan naming a step that is neither built in nor declared is refused.
 * A file that breaks a rule stops the start with the file and the reason, instead of running.
 */
@Component
public class RouteFilesAtStartup implements CamelContextConfiguration {

    private final RouteFilePolicy policy;
    private final Path dir;
    private final RouteFileParser parser;
    private final RouteFileValidator validator;
    private final StepCatalog steps;

    public RouteFilesAtStartup(RouteFilePolicy policy, RouteFilesProperties properties) {
        this(policy, properties, null, null, null);
    }

    @Autowired
    public RouteFilesAtStartup(RouteFilePolicy policy, RouteFilesProperties properties, RouteFileParser parser,
                               RouteFileValidator validator, StepCatalog steps) {
        this.policy = policy;
        this.dir = properties.dir().toAbsolutePath().normalize();
        this.parser = parser;
        this.validator = validator;
        this.steps = steps;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        List<String> problems = new ArrayList<>();
        ModelCamelContext model = (ModelCamelContext) camel;
        if (steps != null) {
            loadStepFiles(model, problems);
        }
        List<RouteDefinition> fromFiles = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            if (check("route " + route.getRouteId(), route.getResource(), route, problems)) {
                fromFiles.add(route);
            }
        }
        for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
            check("route configuration " + configuration.getId(), configuration.getResource(), configuration, problems);
        }
        if (steps != null) {
            problems.addAll(validator.unknownPlanSteps(fromFiles, steps.names()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("route files in " + dir + " refused: " + String.join("; ", problems)
                    + " (routes/README.md: What a route file may use)");
        }
    }

    // Each step file as a live edit would apply it: parsed, validated against what runs already, then added.
    private void loadStepFiles(ModelCamelContext model, List<String> problems) {
        Path stepsDir = dir.resolve(RouteFilesProperties.STEPS);
        if (Files.isSymbolicLink(stepsDir)) {
            problems.add(RouteFilesProperties.STEPS + " is a symbolic link");
            return;
        }
        if (!Files.isDirectory(stepsDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> names;
        try {
            names = RouteFileReloader.routeFilesIn(stepsDir, "");
        } catch (IOException e) {
            problems.add(RouteFilesProperties.STEPS + " cannot be listed: " + e.getMessage());
            return;
        }
        for (String name : names) {
            Path file = stepsDir.resolve(name);
            String where = RouteFilesProperties.STEPS + "/" + name;
            if (Files.isSymbolicLink(file)) {
                problems.add(where + " is a symbolic link");
                continue;
            }
            try {
                ParsedRouteFile parsed = parser.parse(file, read(file));
                List<String> refused = validator.problems(parsed, List.of());
                if (!refused.isEmpty()) {
                    refused.forEach(problem -> problems.add(where + ": " + problem));
                    continue;
                }
                model.addRouteDefinitions(parsed.routes());
                steps.declare(parsed.step());
            } catch (RouteFileRejected e) {
                problems.add(where + ": " + e.getMessage());
            } catch (Exception e) {
                problems.add(where + ": " + RouteFileParser.rootMessage(e));
            }
        }
    }

    private static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes((int) RouteFileReloader.MAX_FILE_BYTES + 1);
            if (content.length > RouteFileReloader.MAX_FILE_BYTES) {
                throw new IOException("over " + RouteFileReloader.MAX_FILE_BYTES + " bytes");
            }
            return content;
        }
    }

    /** True when {@code model} came from a route file (checked); false for Java routes. */
    private boolean check(String what, Resource resource, Object model, List<String> problems) {
        String file = RouteFileReloader.fileInDir(dir, resource);
        if (file == null) {
            return false; // Java routes
        }
        if (Files.isSymbolicLink(dir.resolve(file))) {
            problems.add(file + " is a symbolic link");
            return true;
        }
        policy.violations(what + " (" + file + ")", model).forEach(problems::add);
        return true;
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }
}
