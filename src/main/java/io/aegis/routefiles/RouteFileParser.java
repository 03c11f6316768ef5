package io.aegis.routefiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import io.aegis.steps.StepDeclaration;
import io.aegis.steps.StepDeclarationReader;
import java.io.StringReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns a route file's bytes into route definitions with Camel's own YAML loader, without adding them to
 * the context. Only {@code - route:} entries with an id are accepted: beans, rests, templates and route
 * configurations would change the context while parsing, and ids are how a file's routes are found again.
 */
@Component
public class RouteFileParser {

    private final CamelContext camel;
    private final StepDeclarationReader steps;
    private final Path stepsDir;

    public RouteFileParser(CamelContext camel) {
        this(camel, null, (Path) null);
    }

    @Autowired
    public RouteFileParser(CamelContext camel, StepDeclarationReader steps, RouteFilesProperties properties) {
        this(camel, steps, properties.stepsDir());
    }

    public RouteFileParser(CamelContext camel, StepDeclarationReader steps, Path stepsDir) {
        this.camel = camel;
        this.steps = steps;
        this.stepsDir = stepsDir == null ? null : stepsDir.toAbsolutePath().normalize();
    }

    /** True for a file of the steps folder, which declares a step ({@code - step:}) besides its routes. */
    public boolean isStepFile(Path file) {
        return stepsDir != null && stepsDir.equals(file.toAbsolutePath().normalize().getParent());
    }

    public ParsedRouteFile parse(Path file, byte[] content) throws RouteFileRejected {
        boolean stepFile = isStepFile(file);
        String name = (stepFile ? RouteFilesProperties.STEPS + "/" : "") + file.getFileName().toString();
        byte[] originalContent = content;
        String text = new String(content, StandardCharsets.UTF_8);
        StepDeclaration step = null;
        if (stepFile) {
            StepEntry entry = stepEntry(text);
            try {
                step = steps.read(entry.declaration(), name, stepsDir);
            } catch (IllegalArgumentException e) {
                throw new RouteFileRejected(e.getMessage(), e);
            }
            // Camel's loader reads the routes alone; the declaration's lines are blanked, so line numbers stay right.
            text = entry.routesOnly();
            content = text.getBytes(StandardCharsets.UTF_8);
        }
        checkOnlyRoutesWithIds(text);
        List<RouteDefinition> routes = new ArrayList<>();
        try {
            // The same location as at start-up, so the routes keep pointing at their file.
            var resource = ResourceHelper.fromBytes("file:" + file.toAbsolutePath().normalize(), content);
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource)) {
                if (!(builder instanceof RouteBuilder routeBuilder)) {
                    throw new RouteFileRejected("unexpected routes builder " + builder.getClass().getName());
                }
                routes.addAll(routeBuilder.configureRoutes(camel).getRoutes());
            }
        } catch (RouteFileRejected e) {
            throw e;
        } catch (Exception e) {
            throw new RouteFileRejected("not a valid Camel YAML route file: " + rootMessage(e), e);
        }
        if (routes.isEmpty()) {
            throw new RouteFileRejected("no routes in the file");
        }
        for (RouteDefinition route : routes) {
            if (route.getInput() == null || route.getInput().getEndpointUri() == null) {
                throw new RouteFileRejected("route " + route.getRouteId() + " has no from");
            }
        }
        if (step != null) {
            // Like the Java step routes: a failure travels up to the queue consumer, whose error policy decides. Camel's
            // default handler would retry here and mark the failure exhausted, and the policy would never see it.
            routes.forEach(route -> route.setErrorHandlerFactory(new NoErrorHandlerDefinition()));
            String endpoint = step.endpoint();
            long consumers = routes.stream().filter(route -> endpoint.equals(route.getInput().getEndpointUri())).count();
            if (consumers != 1) {
                throw new RouteFileRejected("step " + step.name() + " needs exactly one route 'from: " + endpoint + "', found "
                        + consumers);
            }
        }
        return new ParsedRouteFile(name, new String(originalContent, StandardCharsets.UTF_8), sha256(originalContent),
                List.copyOf(routes), step);
    }

    /** The {@code - step:} entry of a step file, and the file's text with that entry's lines blank. */
    private record StepEntry(Object declaration, String routesOnly) {
    }

    private static StepEntry stepEntry(String text) throws RouteFileRejected {
        Node document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (YAMLException e) {
            throw new RouteFileRejected("not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
        }
        if (!(document instanceof SequenceNode entries)) {
            throw new RouteFileRejected("a step file is a list: one '- step:' entry, then its '- route:' entries");
        }
        List<Node> stepEntries = entries.getValue().stream().filter(RouteFileParser::isStepEntry).toList();
        if (stepEntries.size() != 1) {
            throw new RouteFileRejected("a step file declares exactly one step ('- step:' entry), found " + stepEntries.size());
        }
        Node entry = stepEntries.get(0);
        String[] lines = text.split("\n", -1);
        int first = entry.getStartMark().getLine();
        int last = entry.getEndMark().getColumn() == 0 ? entry.getEndMark().getLine() - 1 : entry.getEndMark().getLine();
        for (int line = first; line <= last && line < lines.length; line++) {
            lines[line] = "";
        }
        Object declaration = null;
        if (new Yaml(new SafeConstructor(new LoaderOptions())).load(text) instanceof List<?> all) {
            for (Object item : all) {
                if (item instanceof Map<?, ?> map && map.containsKey("step")) {
                    declaration = map.get("step");
                }
            }
        }
        return new StepEntry(declaration, String.join("\n", lines));
    }

    private static boolean isStepEntry(Node node) {
        return node instanceof MappingNode map && map.getValue().stream()
                .anyMatch(tuple -> tuple.getKeyNode() instanceof ScalarNode key && "step".equals(key.getValue()));
    }

    private static void checkOnlyRoutesWithIds(String text) throws RouteFileRejected {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new RouteFileRejected("not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
        }
        if (!(document instanceof List<?> entries)) {
            throw new RouteFileRejected("expected a list of '- route:' entries");
        }
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && map.containsKey("routeConfiguration")) {
                throw new RouteFileRejected("a routeConfiguration (the error policy) is read at start-up only: restart to apply it");
            }
            if (!(entry instanceof Map<?, ?> map) || map.size() != 1 || !map.containsKey("route")) {
                throw new RouteFileRejected("only '- route:' entries may be edited live, found " + keysOf(entry));
            }
            if (!(map.get("route") instanceof Map<?, ?> route) || !(route.get("id") instanceof String id) || id.isBlank()) {
                throw new RouteFileRejected("every route needs an id");
            }
        }
    }

    /**
     * The ids of the {@code - routeConfiguration:} entries of a route file (the error policy); empty when it has none
     * or is not valid YAML.
     */
    static List<String> routeConfigurationIds(byte[] content) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(content, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        if (document instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map && map.get("routeConfiguration") instanceof Map<?, ?> configuration
                        && configuration.get("id") instanceof String id) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static Object keysOf(Object entry) {
        return entry instanceof Map<?, ?> map ? map.keySet() : entry;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
