package io.aegis.steps;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A step declared by a file in {@code routes/steps/} (routes/README.md, "Steps in YAML"): its name, the worker queue it
 * runs on, how long it may run, the file it came from, and the outputs it may record: renditions (files it leaves in
 * its scratch directory, by name pattern) and insights (JSON, each checked against the JSON Schema the file names).
 * Its route consumes {@code direct:step-<name>}.
 */
public record StepDeclaration(String name, String queue, Duration timeout, String file,
                              List<RenditionOutput> renditions, List<InsightOutput> insights) {

    public StepDeclaration {
        renditions = List.copyOf(renditions);
        insights = List.copyOf(insights);
    }

    /** The endpoint the step's route consumes; the pipeline calls it like a built-in step's. */
    public String endpoint() {
        return "direct:step-" + name;
    }

    /** The declared rendition a file of that name is, if any. */
    public Optional<RenditionOutput> renditionFor(String fileName) {
        return renditions.stream().filter(output -> output.matches(fileName)).findFirst();
    }

    public Optional<InsightOutput> insight(String insightName) {
        return insights.stream().filter(output -> output.name().equals(insightName)).findFirst();
    }

    /**
     * Files named by {@code files} (one {@code *} wildcard or none, e.g. {@code crop-*.jpg}) are renditions of
     * {@code kind}; their format comes from the extension ({@link RenditionFormat}).
     */
    public record RenditionOutput(String files, String kind, RenditionFormat format) {

        public boolean matches(String fileName) {
            return fileName != null && glob(files).matcher(fileName).matches();
        }

        /** A name pattern as a regular expression: {@code *} stands for file-name characters, the rest is literal. */
        static Pattern glob(String files) {
            StringBuilder regex = new StringBuilder();
            for (String part : files.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append("[A-Za-z0-9._-]*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString());
        }
    }

    /** An insight named {@code name}, stored under the asset's {@code insights.declared}, valid against its schema. */
    public record InsightOutput(String name, String schemaFile, InsightSchema schema) {
    }
}
