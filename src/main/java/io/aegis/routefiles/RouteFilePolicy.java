package io.aegis.routefiles;

import io.aegis.media.MediaProperties;
import io.aegis.platform.aws.ResourceNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.DynamicRouterDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.RemoveHeaderDefinition;
import org.apache.camel.model.RemoveHeadersDefinition;
import org.apache.camel.model.RemovePropertiesDefinition;
import org.apache.camel.model.RemovePropertyDefinition;
import org.apache.camel.model.RoutingSlipDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.model.language.SimpleExpression;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a route file may use, so that routes/ stays configuration and never becomes code (routes/README.md, "What a
 * route file may use"): endpoints of the allowed components only ({@code aegis.routes.allowed-components}), each
 * under its own rule ({@code exec} only through the tool runner and for the configured tools, {@code bean} only
 * Aegis's beans); endpoints known before a message arrives (no recipient lists, routing slips, dynamic routers or
 * enrichers, no {@code toD} with expressions); expressions in simple, constant, header, exchangeProperty, variable
 * or method only, and simple without the functions that reach code or secrets; no header that steers a component
 * ({@code CamelExec*} but the arguments, {@code CamelAws*}) and no exchange property of Aegis's own; {@code aws2-s3} only
 * on the project's buckets and only to store, {@code langchain4j-chat} only with the configured models; bean and
 * {@code #class:} /
 * {@code #type:} references to Aegis's own beans and classes only (package {@value #OWN_PACKAGE}), which must exist.
 * The whole route model is walked, so a construct is checked wherever it is nested.
 */
@Component
public class RouteFilePolicy {

    static final String OWN_PACKAGE = "io.aegis.";
    static final Set<String> LANGUAGES = Set.of("simple", "constant", "header", "exchangeProperty", "variable", "method");
    /** Simple functions that reach beans, the context or the exchange's objects, or read the environment. */
    private static final Pattern SIMPLE_REACHES_CODE = Pattern.compile(
            "\\$\\{\\s*(?:bean:|camelContext|exchange\\b|sys[.:]|sysenv|env[.:]|routeGroup|ref:|type:|java)"
                    + "|\\.[A-Za-z_][\\w]*\\s*\\(");
    private static final String MODEL_PACKAGE = "org.apache.camel.model.";

    /** Exec parameters a route file may set: the tool runner and the arguments; the rest is the runner's to decide. */
    static final Set<String> EXEC_PARAMETERS = Set.of("commandExecutor", "args");
    /** The configured chat models (ai.AiConfiguration): a route file asks them, never a model of its own making. */
    static final Set<String> CHAT_MODELS = Set.of("#chatModel", "#visionChatModel");
    static final Set<String> CHAT_OPERATIONS = Set.of("CHAT_SINGLE_MESSAGE", "CHAT_SINGLE_MESSAGE_WITH_PROMPT",
            "CHAT_MULTIPLE_MESSAGES");
    /** Headers that steer a component (which tool, which folder, which object): set only by Aegis's own beans. */
    private static final Pattern STEERING_HEADER = Pattern.compile("(?i)Camel(Exec(?!CommandArgs$)|Aws|LangChain4jChat(?!Prompt)).*");
    /** Exchange properties Aegis's processors keep their state in: a route file may only mark its step skipped. */
    private static final Pattern OWN_PROPERTY = Pattern.compile("(?i)(aegis\\.(?!stepSkipped$)|Camel).*");

    private final CamelContext camel;
    private final Set<String> components;
    private final Set<String> tools;
    private final Set<String> buckets;

    @Autowired
    public RouteFilePolicy(CamelContext camel, RouteFilesProperties routes, MediaProperties media, ResourceNames names) {
        this(camel, routes.allowedComponents(), tools(routes, media), List.of(names.buckets().raw(), names.buckets().processed()));
    }

    RouteFilePolicy(CamelContext camel, Collection<String> components, Collection<String> tools) {
        this(camel, components, tools, List.of("aegis-raw", "aegis-processed"));
    }

    RouteFilePolicy(CamelContext camel, Collection<String> components, Collection<String> tools, Collection<String> buckets) {
        this.camel = camel;
        this.components = Set.copyOf(components);
        this.tools = Set.copyOf(tools.stream().filter(tool -> tool != null && !tool.isBlank()).toList());
        this.buckets = Set.copyOf(buckets);
    }

    private static List<String> tools(RouteFilesProperties routes, MediaProperties media) {
        List<String> tools = new ArrayList<>(routes.allowedTools());
        if (media.tools() != null) {
            tools.addAll(java.util.Arrays.asList(media.tools().ffmpeg(), media.tools().ffprobe(), media.tools().tesseract(),
                    media.tools().pocketsphinx()));
        }
        return tools;
    }

    /** What {@code model} (a route or a route configuration of a route file) uses that route files may not. */
    public List<String> violations(String where, Object model) {
        Set<String> problems = new LinkedHashSet<>();
        walk(model, Collections.newSetFromMap(new IdentityHashMap<>()), node -> check(where, node, problems));
        return List.copyOf(problems);
    }

    private void check(String where, Object node, Set<String> problems) {
        if (node instanceof FromDefinition from) {
            endpoint(where, from.getUri(), true, problems);
        } else if (node instanceof ToDynamicDefinition dynamic) {
            String uri = dynamic.getUri();
            if (uri != null && (uri.contains("${") || uri.contains("$simple{"))) {
                problems.add(where + " sends to an endpoint computed at run time (" + uri + "): route files name their endpoints");
            } else {
                endpoint(where, uri, false, problems);
            }
        } else if (node instanceof SendDefinition<?> send) {
            endpoint(where, send.getEndpointUri(), false, problems);
        } else if (node instanceof RecipientListDefinition<?> || node instanceof RoutingSlipDefinition<?>
                || node instanceof DynamicRouterDefinition<?> || node instanceof EnrichDefinition
                || node instanceof PollEnrichDefinition) {
            problems.add(where + " uses " + node.getClass().getSimpleName().replace("Definition", "")
                    + ", whose endpoints are computed at run time: route files name their endpoints");
        } else if (node instanceof SetHeaderDefinition header) {
            steeringHeader(where, "sets", header.getName(), problems);
        } else if (node instanceof RemoveHeaderDefinition header) {
            steeringHeader(where, "removes", header.getName(), problems);
        } else if (node instanceof RemoveHeadersDefinition headers) {
            steeringHeader(where, "removes", headers.getPattern(), problems);
        } else if (node instanceof SetPropertyDefinition property) {
            ownProperty(where, property.getName(), problems);
        } else if (node instanceof RemovePropertyDefinition property) {
            ownProperty(where, property.getName(), problems);
        } else if (node instanceof RemovePropertiesDefinition properties) {
            ownProperty(where, properties.getPattern(), problems);
        } else if (node instanceof ProcessDefinition process) {
            bean(where, process.getRef(), problems);
        } else if (node instanceof BeanDefinition bean) {
            bean(where, bean.getRef(), problems);
            type(where, bean.getBeanType(), problems);
        } else if (node instanceof MethodCallExpression method) {
            bean(where, method.getRef(), problems);
            type(where, method.getBeanTypeName(), problems);
        } else if (node instanceof ExpressionDefinition expression) {
            language(where, expression, problems);
        } else if (node instanceof String text && (text.startsWith("#class:") || text.startsWith("#type:"))) {
            bean(where, text, problems);
        }
    }

    private void language(String where, ExpressionDefinition expression, Set<String> problems) {
        String language = expression.getLanguage();
        if (language != null && !LANGUAGES.contains(language)) {
            problems.add(where + " uses the " + language + " language; route files may use " + String.join(", ",
                    LANGUAGES.stream().sorted().toList()));
        }
        if (expression instanceof SimpleExpression simple && simple.getExpression() != null) {
            Matcher code = SIMPLE_REACHES_CODE.matcher(simple.getExpression());
            if (code.find()) {
                problems.add(where + " uses simple's '" + code.group().trim() + "', which reaches code or the "
                        + "environment: route files read headers, properties and constants only");
            }
        }
    }

    private void steeringHeader(String where, String verb, String name, Set<String> problems) {
        String resolved = resolved(name);
        if (resolved != null && (STEERING_HEADER.matcher(resolved).matches() || resolved.startsWith("Camel") && resolved.contains("*"))) {
            problems.add(where + " " + verb + " header " + resolved + ", which steers a component (the tool, its folder, the S3 "
                    + "object): only Aegis's beans set it");
        }
    }

    private void ownProperty(String where, String name, Set<String> problems) {
        String resolved = resolved(name);
        if (resolved != null && (OWN_PROPERTY.matcher(resolved).matches() || "*".equals(resolved))) {
            problems.add(where + " changes exchange property " + resolved + ", where Aegis keeps its own state (a route file "
                    + "may set aegis.stepSkipped only)");
        }
    }

    private void endpoint(String where, String uri, boolean consumer, Set<String> problems) {
        String resolved = resolved(uri);
        if (resolved == null || resolved.isBlank()) {
            return;
        }
        int colon = resolved.indexOf(':');
        String component = colon < 0 ? resolved : resolved.substring(0, colon);
        if (!components.contains(component)) {
            problems.add(where + " uses the " + component + " component, which route files may not use (allowed: "
                    + String.join(", ", components.stream().sorted().toList()) + ")");
            return;
        }
        String rest = colon < 0 ? "" : resolved.substring(colon + 1).replaceFirst("^//", "");
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        Map<String, String> parameters = parameters(query < 0 ? "" : rest.substring(query + 1));
        parameters.values().stream().filter(value -> value.startsWith("#")).forEach(reference -> bean(where, reference, problems));
        switch (component) {
            case "exec" -> {
                // Tools run only through the project's tool runner: no shell, OS limits, bounded output.
                if (!("#" + io.aegis.media.ToolExecutor.BEAN).equals(parameters.get("commandExecutor"))) {
                    problems.add(where + " runs " + path + " without the tool runner: exec endpoints need commandExecutor=#"
                            + io.aegis.media.ToolExecutor.BEAN);
                }
                if (!tools.contains(path)) {
                    problems.add(where + " runs " + path + ", which is not one of the tools (aegis.media.tools: "
                            + String.join(", ", tools.stream().sorted().toList()) + ")");
                }
            }
            case "bean" -> bean(where, path, problems);
            case "aws2-s3" -> {
                // Only the project's buckets, only to store what an Aegis bean prepared (key and type are its headers).
                if (consumer) {
                    problems.add(where + " consumes from aws2-s3, which deletes what it reads: route files only store through it");
                }
                if (!buckets.contains(path)) {
                    problems.add(where + " uses the S3 bucket " + path + "; route files may use the project's buckets only ("
                            + String.join(", ", buckets.stream().sorted().toList()) + ")");
                }
                parameters.forEach((name, value) -> {
                    if (!("autoCreateBucket".equals(name) && "false".equals(value))) {
                        problems.add(where + " sets aws2-s3 option " + name + ": route files may set autoCreateBucket=false only");
                    }
                });
            }
            case "langchain4j-chat" -> parameters.forEach((name, value) -> {
                // The configured models only: no model, tool or memory of the file's own making.
                boolean allowed = ("chatModel".equals(name) && CHAT_MODELS.contains(value))
                        || ("chatOperation".equals(name) && CHAT_OPERATIONS.contains(value));
                if (!allowed) {
                    problems.add(where + " sets langchain4j-chat option " + name + "=" + value + "; route files may set "
                            + "chatOperation and chatModel (" + String.join(" or ", CHAT_MODELS.stream().sorted().toList()) + ") only");
                }
            });
            default -> { }
        }
        if ("exec".equals(component)) {
            parameters.keySet().stream().filter(name -> !EXEC_PARAMETERS.contains(name)).forEach(name -> problems.add(where
                    + " sets exec option " + name + "; the tool runner decides the folder, the timeout and the output: route "
                    + "files set " + String.join(" and ", EXEC_PARAMETERS.stream().sorted().toList()) + " only"));
        }
    }

    private void bean(String where, String reference, Set<String> problems) {
        String name = resolved(reference);
        if (name == null || name.isBlank()) {
            return;
        }
        if (name.startsWith("#class:") || name.startsWith("#type:")) {
            type(where, name.substring(name.indexOf(':') + 1), problems);
            return;
        }
        name = name.startsWith("#bean:") ? name.substring("#bean:".length()) : name.startsWith("#") ? name.substring(1) : name;
        Object bean = camel.getRegistry().lookupByName(name);
        // A missing bean is RouteFileValidator's to report; here, only whose it is.
        if (bean != null && !AopUtils.getTargetClass(bean).getName().startsWith(OWN_PACKAGE)) {
            problems.add(where + " uses bean " + name + ", which is not one of Aegis's (" + OWN_PACKAGE + "*)");
        }
    }

    private void type(String where, String className, Set<String> problems) {
        if (className == null || className.isBlank()) {
            return;
        }
        String name = className.strip();
        if (!name.startsWith(OWN_PACKAGE)) {
            problems.add(where + " names class " + name + ": route files may name Aegis's own classes only (" + OWN_PACKAGE + "*)");
            return;
        }
        try {
            Class.forName(name, false, getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(where + " names class " + name + ", which does not exist");
        }
    }

    private String resolved(String text) {
        return resolvedOrAsWritten(camel, text);
    }

    /**
     * The text with its {@code {{placeholders}}} resolved, or as written when one does not resolve (the validator
     * reports those, in {@code unresolvedPlaceholders}); the policy and the validator judge the same resolved text.
     */
    static String resolvedOrAsWritten(CamelContext camel, String text) {
        if (text == null) {
            return null;
        }
        try {
            return camel.resolvePropertyPlaceholders(text);
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    /** Visits every object reachable from {@code node} through the fields of Camel's model classes. */
    private static void walk(Object node, Set<Object> seen, java.util.function.Consumer<Object> visit) {
        if (node == null || node instanceof Class<?> || !seen.add(node)) {
            return;
        }
        visit.accept(node);
        if (node instanceof Collection<?> items) {
            new ArrayList<>(items).forEach(item -> walk(item, seen, visit));
            return;
        }
        if (node instanceof Map<?, ?> map) {
            Stream.concat(map.keySet().stream(), map.values().stream()).toList().forEach(item -> walk(item, seen, visit));
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type.getName().startsWith(MODEL_PACKAGE); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    walk(field.get(node), seen, visit);
                } catch (ReflectiveOperationException | RuntimeException inaccessible) {
                    // A field the model keeps for itself (a runtime object): not part of what the file says.
                }
            }
        }
    }
}
