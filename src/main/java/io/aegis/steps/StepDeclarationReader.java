package io.aegis.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.steps.StepDeclaration.InsightOutput;
import io.aegis.steps.StepDeclaration.RenditionOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * Reads the {@code - step:} entry of a file in {@code routes/steps/} into a {@link StepDeclaration}, refusing
 * (IllegalArgumentException, naming the field) anything it cannot trust: unknown fields, a name that is not a step name,
 * a queue other than media or ai, a timeout outside 1 s..24 h, a rendition pattern or kind that is not a plain name, a
 * format it cannot record, an insight without a schema, a schema file that is missing, a link, too large, or not a
 * self-contained JSON Schema.
 */
public final class StepDeclarationReader {

    static final Pattern STEP_NAME = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    static final Pattern INSIGHT_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");
    static final Pattern FILES = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,80}(\\*[A-Za-z0-9._-]{0,40})?|[A-Za-z0-9._-]{0,40}\\*[A-Za-z0-9._-]{1,40}");
    static final Pattern SCHEMA_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}\\.json");
    static final long MAX_SCHEMA_BYTES = 64 * 1024;
    static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    /** Kinds the built-in steps record and the console shows in their own place. */
    static final Set<String> BUILT_IN_KINDS = Set.of("thumbnail", "poster", "audio", "transcript", "captions", "pages",
            "text", "original", "preview");
    /** Names of the asset's built-in insights (and their "unavailable" reasons). */
    static final Set<String> BUILT_IN_INSIGHTS = Set.of("summary", "transcript", "tags", "description", "ocrText", "nsfw",
            "content", "unavailable", "sources", "declared");
    private static final Set<String> FIELDS = Set.of("name", "queue", "timeout", "description", "renditions", "insights");

    private final ObjectMapper json;
    private final Duration defaultTimeout;

    public StepDeclarationReader(ObjectMapper json, Duration defaultTimeout) {
        this.json = json;
        this.defaultTimeout = defaultTimeout;
    }

    /** {@code entry} is the map under {@code step:}; {@code stepsDir} the folder schema files are read from. */
    public StepDeclaration read(Object entry, String file, Path stepsDir) {
        if (!(entry instanceof Map<?, ?> step)) {
            throw new IllegalArgumentException("'step:' must be a map with name, queue, timeout, renditions, insights");
        }
        for (Object key : step.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("step has an unknown field '" + key + "' (fields: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String name = text(step, "name");
        if (name == null || !STEP_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("step name '" + name + "' must be 2-40 of a-z, 0-9 and -, starting with a letter");
        }
        if (StepCatalog.BEFORE_THE_PLAN.contains(name)) {
            throw new IllegalArgumentException("step name '" + name + "' is taken by a built-in step");
        }
        String queue = text(step, "queue");
        if (!StepCatalog.QUEUES.contains(queue)) {
            throw new IllegalArgumentException("step " + name + ": queue must be media (tools) or ai (models), not '" + queue + "'");
        }
        Duration timeout = timeout(name, step.get("timeout"));
        List<RenditionOutput> renditions = renditions(name, step.get("renditions"));
        List<InsightOutput> insights = insights(name, step.get("insights"), stepsDir);
        if (renditions.isEmpty() && insights.isEmpty()) {
            throw new IllegalArgumentException("step " + name + " declares no outputs: list its renditions or insights");
        }
        return new StepDeclaration(name, queue, timeout, file, renditions, insights);
    }

    private Duration timeout(String name, Object value) {
        if (value == null) {
            return defaultTimeout;
        }
        Duration timeout;
        try {
            timeout = DurationStyle.detectAndParse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step " + name + ": timeout '" + value + "' is not a duration such as 5m or 90s");
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("step " + name + ": timeout must be between 1s and 24h, not " + value);
        }
        return timeout;
    }

    private static List<RenditionOutput> renditions(String step, Object value) {
        List<RenditionOutput> outputs = new ArrayList<>();
        for (Map<?, ?> entry : listOfMaps(step, "renditions", value)) {
            onlyFields(step, "rendition", entry, Set.of("files", "kind"));
            String files = text(entry, "files");
            if (files == null || !FILES.matcher(files).matches()) {
                throw new IllegalArgumentException("step " + step + ": rendition files '" + files + "' must be a file name "
                        + "with at most one * (e.g. crop-*.jpg), no folders");
            }
            String kind = text(entry, "kind");
            if (kind == null || !KIND.matcher(kind).matches() || BUILT_IN_KINDS.contains(kind)) {
                throw new IllegalArgumentException("step " + step + ": rendition kind '" + kind + "' must be a-z, 0-9 and -, "
                        + "and not one of the built-in kinds " + BUILT_IN_KINDS.stream().sorted().toList());
            }
            RenditionFormat format = RenditionFormat.ofFile(files).orElseThrow(() -> new IllegalArgumentException(
                    "step " + step + ": rendition files '" + files + "' must end in one of " + RenditionFormat.extensions()));
            outputs.add(new RenditionOutput(files, kind, format));
        }
        return outputs;
    }

    private List<InsightOutput> insights(String step, Object value, Path stepsDir) {
        List<InsightOutput> outputs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map<?, ?> entry : listOfMaps(step, "insights", value)) {
            onlyFields(step, "insight", entry, Set.of("name", "schema"));
            String name = text(entry, "name");
            if (name == null || !INSIGHT_NAME.matcher(name).matches() || BUILT_IN_INSIGHTS.contains(name)) {
                throw new IllegalArgumentException("step " + step + ": insight name '" + name + "' must be a camelCase word "
                        + "(a-z first, then letters and digits) and not a built-in insight " + BUILT_IN_INSIGHTS.stream().sorted().toList());
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("step " + step + " declares insight " + name + " twice");
            }
            Object schema = entry.get("schema");
            if (schema == null) {
                throw new IllegalArgumentException("step " + step + ": insight " + name + " has no schema (a .json file "
                        + "beside the step file, or the schema itself)");
            }
            String schemaFile = schema instanceof String text ? text : "(inline)";
            JsonNode node = schema instanceof String fileName ? schemaFile(step, name, fileName, stepsDir) : json.valueToTree(schema);
            try {
                outputs.add(new InsightOutput(name, schemaFile, InsightSchema.of(node)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("step " + step + ": the schema of insight " + name + " (" + schemaFile
                        + ") is " + e.getMessage(), e);
            }
        }
        return outputs;
    }

    private JsonNode schemaFile(String step, String insight, String fileName, Path stepsDir) {
        if (!SCHEMA_FILE.matcher(fileName).matches()) {
            throw new IllegalArgumentException("step " + step + ": the schema of insight " + insight + " must be a .json file "
                    + "beside the step file, not '" + fileName + "'");
        }
        Path file = stepsDir.resolve(fileName);
        // A link would let the app read, and quote in its errors, any file it can read.
        if (Files.isSymbolicLink(file)) {
            throw new IllegalArgumentException("step " + step + ": schema " + fileName + " is a symbolic link");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes((int) MAX_SCHEMA_BYTES + 1);
            if (content.length > MAX_SCHEMA_BYTES) {
                throw new IllegalArgumentException("step " + step + ": schema " + fileName + " is over " + MAX_SCHEMA_BYTES + " bytes");
            }
            return json.readTree(content);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("step " + step + ": schema " + fileName + " of insight " + insight
                    + " does not exist in " + stepsDir.getFileName());
        } catch (IOException e) {
            throw new IllegalArgumentException("step " + step + ": schema " + fileName + " is not readable JSON: "
                    + e.getMessage().replaceAll("\\s+", " "));
        }
    }

    private static List<Map<?, ?>> listOfMaps(String step, String field, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw new IllegalArgumentException("step " + step + ": " + field + " must be a list of maps");
        }
        List<Map<?, ?>> maps = new ArrayList<>();
        list.forEach(item -> maps.add((Map<?, ?>) item));
        return maps;
    }

    private static void onlyFields(String step, String what, Map<?, ?> entry, Set<String> fields) {
        for (Object key : entry.keySet()) {
            if (!fields.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("step " + step + ": a " + what + " has an unknown field '" + key
                        + "' (fields: " + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(Map<?, ?> map, String field) {
        Object value = map.get(field);
        return value == null ? null : String.valueOf(value).strip();
    }
}
