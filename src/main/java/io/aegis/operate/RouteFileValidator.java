package io.aegis.operate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.springframework.stereotype.Component;

/**
 * Checks a parsed route file against the running context before it may replace anything: it uses only what route
 * files may ({@link RouteFilePolicy}), its {@code direct:} targets have a consumer, the beans it names exist, its
 * placeholders resolve, its ids and consumers clash with no other route, and no other route loses a {@code direct:}
 * endpoint it sends to.
 */
@Component
public class RouteFileValidator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");

    private final CamelContext camel;
    private final RouteFilePolicy policy;

    public RouteFileValidator(CamelContext camel, RouteFilePolicy policy) {
        this.camel = camel;
        this.policy = policy;
    }

    /** Problems with {@code file} replacing the routes {@code replacedIds}; empty when it may go live. */
    public List<String> problems(ParsedRouteFile file, Collection<String> replacedIds) {
        List<String> problems = new ArrayList<>(unresolvedPlaceholders(file.text()));
        for (RouteDefinition route : file.routes()) {
            problems.addAll(policy.violations("route " + route.getRouteId(), route));
        }
        List<RouteDefinition> others = routesOtherThan(replacedIds);
        Set<String> consumedByOthers = directConsumers(others);
        Set<String> consumedAfter = new LinkedHashSet<>(consumedByOthers);
        for (RouteDefinition route : file.routes()) {
            String id = route.getRouteId();
            if (others.stream().anyMatch(other -> id.equals(other.getRouteId()))) {
                problems.add("route id " + id + " is already used by another route");
            }
            String consumed = directName(route.getInput().getEndpointUri());
            if (consumed != null && !consumedAfter.add(consumed)) {
                problems.add("route " + id + " consumes direct:" + consumed + ", which another route already consumes");
            }
        }
        for (RouteDefinition route : file.routes()) {
            for (String target : directTargets(route)) {
                if (!consumedAfter.contains(target)) {
                    problems.add("route " + route.getRouteId() + " sends to direct:" + target + ", which no route consumes");
                }
            }
            for (String bean : beanNames(route)) {
                if (camel.getRegistry().lookupByName(bean) == null) {
                    problems.add("route " + route.getRouteId() + " uses bean " + bean + ", which does not exist");
                }
            }
        }
        problems.addAll(orphanedSenders(others, replacedIds, consumedAfter));
        return problems;
    }

    /** Problems with removing the routes {@code removedIds} (their file was deleted). */
    public List<String> problemsRemoving(Collection<String> removedIds) {
        List<RouteDefinition> others = routesOtherThan(removedIds);
        return orphanedSenders(others, removedIds, directConsumers(others));
    }

    // Another route that sends to a direct: endpoint the replaced routes provided, and nothing provides after.
    private List<String> orphanedSenders(List<RouteDefinition> others, Collection<String> replacedIds,
            Set<String> consumedAfter) {
        Set<String> lost = directConsumers(routesWithIds(replacedIds));
        lost.removeAll(consumedAfter);
        List<String> problems = new ArrayList<>();
        for (RouteDefinition other : others) {
            for (String target : directTargets(other)) {
                if (lost.contains(target)) {
                    problems.add("route " + other.getRouteId() + " still sends to direct:" + target
                            + ", which would no longer have a consumer");
                }
            }
        }
        return problems;
    }

    private List<String> unresolvedPlaceholders(String text) {
        List<String> problems = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher placeholder = PLACEHOLDER.matcher(line);
            while (placeholder.find()) {
                try {
                    camel.resolvePropertyPlaceholders(placeholder.group());
                } catch (RuntimeException e) {
                    problems.add("placeholder " + placeholder.group() + " does not resolve");
                }
            }
        }
        return problems;
    }

    private List<RouteDefinition> routesOtherThan(Collection<String> ids) {
        return model().getRouteDefinitions().stream().filter(route -> !ids.contains(route.getRouteId())).toList();
    }

    private List<RouteDefinition> routesWithIds(Collection<String> ids) {
        return model().getRouteDefinitions().stream().filter(route -> ids.contains(route.getRouteId())).toList();
    }

    private ModelCamelContext model() {
        return (ModelCamelContext) camel;
    }

    private Set<String> directConsumers(Collection<RouteDefinition> routes) {
        Set<String> names = new LinkedHashSet<>();
        for (RouteDefinition route : routes) {
            String name = directName(route.getInput().getEndpointUri());
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private Set<String> directTargets(RouteDefinition route) {
        Set<String> targets = new LinkedHashSet<>();
        for (SendDefinition<?> send : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), SendDefinition.class)) {
            addIfDirect(targets, send.getEndpointUri());
        }
        for (ToDynamicDefinition send : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDynamicDefinition.class)) {
            // Only a toD without expressions has a target known before a message arrives.
            if (send.getUri() != null && !send.getUri().contains("${")) {
                addIfDirect(targets, send.getUri());
            }
        }
        return targets;
    }

    private void addIfDirect(Set<String> targets, String uri) {
        String name = directName(uri);
        if (name != null) {
            targets.add(name);
        }
    }

    private Set<String> beanNames(RouteDefinition route) {
        Set<String> names = new LinkedHashSet<>();
        for (ProcessDefinition process : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ProcessDefinition.class)) {
            addReference(names, process.getRef());
        }
        for (BeanDefinition bean : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), BeanDefinition.class)) {
            addReference(names, bean.getRef());
        }
        for (SendDefinition<?> send : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), SendDefinition.class)) {
            String uri = resolved(send.getEndpointUri());
            if (uri != null && uri.startsWith("bean:")) {
                addReference(names, stripQuery(uri.substring("bean:".length())));
            }
        }
        return names;
    }

    private void addReference(Set<String> names, String reference) {
        String name = resolved(reference);
        // #class: and #type: create or look up by type, not by name.
        if (name != null && !name.isBlank() && !name.startsWith("#class:") && !name.startsWith("#type:")) {
            names.add(name.startsWith("#bean:") ? name.substring("#bean:".length()) : name);
        }
    }

    private String directName(String uri) {
        String resolved = resolved(uri);
        if (resolved == null || !resolved.startsWith("direct:")) {
            return null;
        }
        String name = resolved.substring("direct:".length());
        return stripQuery(name.startsWith("//") ? name.substring(2) : name);
    }

    private String resolved(String text) {
        if (text == null) {
            return null;
        }
        try {
            return camel.resolvePropertyPlaceholders(text);
        } catch (RuntimeException e) {
            return text; // reported by unresolvedPlaceholders
        }
    }

    private static String stripQuery(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
