package io.aegis.routefiles;

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
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import io.aegis.platform.AegisHeaders;
import io.aegis.steps.StepCatalog;
import io.aegis.steps.StepDeclaration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks a parsed route file against the running context before it may replace anything: it uses only what route
 * files may ({@link RouteFilePolicy}), its {@code direct:} targets have a consumer, the beans it names exist, its
 * placeholders resolve, its ids and consumers clash with no other route, and no other route loses a {@code direct:}
 * endpoint it sends to. With the step catalog: the plans it sets name known steps, a step it declares is new and
 * records only the outputs it declares, and no plan loses a step it names.
 */
@Component
public class RouteFileValidator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");

    private final CamelContext camel;
    private final RouteFilePolicy policy;
    private final StepCatalog steps;

    public RouteFileValidator(CamelContext camel, RouteFilePolicy policy) {
        this(camel, policy, null);
    }

    @Autowired
    public RouteFileValidator(CamelContext camel, RouteFilePolicy policy, StepCatalog steps) {
        this.camel = camel;
        this.policy = policy;
        this.steps = steps;
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
        if (steps != null) {
            if (file.step() != null) {
                problems.addAll(stepProblems(file));
            }
            String declaredBefore = declaredBy(file.name());
            Set<String> known = new LinkedHashSet<>(steps.names());
            if (declaredBefore != null && (file.step() == null || !declaredBefore.equals(file.step().name()))) {
                known.remove(declaredBefore);
                problems.addAll(plansNaming(declaredBefore, others));
            }
            if (file.step() != null) {
                known.add(file.step().name());
            }
            problems.addAll(unknownPlanSteps(file.routes(), known));
        }
        return problems;
    }

    /** Problems with removing the routes {@code removedIds} (their file was deleted). */
    public List<String> problemsRemoving(Collection<String> removedIds) {
        return problemsRemoving(null, removedIds);
    }

    /** Problems with removing file {@code name} and its routes {@code removedIds} (it was deleted). */
    public List<String> problemsRemoving(String name, Collection<String> removedIds) {
        List<RouteDefinition> others = routesOtherThan(removedIds);
        List<String> problems = new ArrayList<>(orphanedSenders(others, removedIds, directConsumers(others)));
        String declared = steps == null || name == null ? null : declaredBy(name);
        if (declared != null) {
            problems.addAll(plansNaming(declared, others));
        }
        return problems;
    }

    /** The steps named in {@code routes}' plans that are not in {@code known}, as problems. */
    public List<String> unknownPlanSteps(Collection<RouteDefinition> routes, Set<String> known) {
        List<String> problems = new ArrayList<>();
        for (RouteDefinition route : routes) {
            for (String step : planSteps(route)) {
                if (!known.contains(step)) {
                    problems.add("route " + route.getRouteId() + " plans step '" + step + "', which is neither built in "
                            + "(aegis.steps.queue) nor declared in routes/steps/; known: " + known);
                }
            }
        }
        return problems;
    }

    // A declared step must stay while a plan names it: its jobs would fail.
    private List<String> plansNaming(String step, List<RouteDefinition> routes) {
        List<String> problems = new ArrayList<>();
        for (RouteDefinition route : routes) {
            if (planSteps(route).contains(step)) {
                problems.add("route " + route.getRouteId() + " still plans step " + step
                        + ": take it out of the plan first (or in the same reload)");
            }
        }
        return problems;
    }

    private String declaredBy(String fileName) {
        return steps.declarations().stream().filter(d -> fileName.equals(d.file())).map(StepDeclaration::name)
                .findFirst().orElse(null);
    }

    private List<String> stepProblems(ParsedRouteFile file) {
        StepDeclaration step = file.step();
        List<String> problems = new ArrayList<>();
        if (steps.isBuiltIn(step.name())) {
            problems.add("step " + step.name() + " is a built-in step; a step file declares a new one");
        }
        steps.declaration(step.name()).filter(other -> !other.file().equals(file.name())).ifPresent(other ->
                problems.add("step " + step.name() + " is already declared by routes/" + other.file()));
        for (StepDeclaration other : steps.declarations()) {
            if (other.file().equals(file.name())) {
                continue;
            }
            for (var insight : step.insights()) {
                if (other.insight(insight.name()).isPresent()) {
                    problems.add("insight " + insight.name() + " is already recorded by step " + other.name());
                }
            }
        }
        // Every output the routes record must be declared: a constant name exactly, a simple expression with its
        // ${...} parts standing for any file-name characters.
        for (RouteDefinition route : file.routes()) {
            for (SetHeaderDefinition header : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), SetHeaderDefinition.class)) {
                String value = header.getExpression() == null ? null : resolved(header.getExpression().getExpression());
                if (value == null) {
                    continue;
                }
                String sample = value.strip().replaceAll("\\$\\{[^}]*}", "x");
                if (AegisHeaders.RENDITION.equals(header.getName()) && step.renditionFor(sample).isEmpty()) {
                    problems.add("route " + route.getRouteId() + " records rendition '" + value + "', which step " + step.name()
                            + " does not declare (renditions: " + step.renditions().stream().map(r -> r.files()).toList() + ")");
                }
                if (AegisHeaders.INSIGHT.equals(header.getName()) && step.insight(value.strip()).isEmpty()) {
                    problems.add("route " + route.getRouteId() + " records insight '" + value + "', which step " + step.name()
                            + " does not declare (insights: " + step.insights().stream().map(i -> i.name()).toList() + ")");
                }
            }
        }
        return problems;
    }

    /** The steps a route's plans name: the constant values it sets {@code aegis.plan} to, placeholders resolved. */
    private List<String> planSteps(RouteDefinition route) {
        List<String> names = new ArrayList<>();
        for (SetHeaderDefinition header : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), SetHeaderDefinition.class)) {
            if (!AegisHeaders.PLAN.equals(header.getName()) || header.getExpression() == null) {
                continue;
            }
            String plan = resolved(header.getExpression().getExpression());
            if (plan == null || plan.contains("${")) {
                continue;
            }
            for (String step : plan.split(",")) {
                if (!step.isBlank()) {
                    names.add(step.strip());
                }
            }
        }
        return names;
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
        return RouteFilePolicy.resolvedOrAsWritten(camel, text);
    }

    private static String stripQuery(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
