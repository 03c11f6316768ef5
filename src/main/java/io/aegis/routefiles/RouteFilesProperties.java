package io.aegis.routefiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The folder of ops-edited YAML routes and how edits to it are applied while the app runs.
 *
 * @param dir           the folder; camel.main.routes-include-pattern loads the same one at start-up
 * @param watch         apply edits on their own (false: only POST /v1/admin/routes/reload applies them)
 * @param pollInterval  how often the folder is looked at
 * @param debounce      a file must be left alone this long before it is read (editors write in several steps)
 * @param drainTimeout  how long a replaced route may take to finish the exchanges it is running
 * @param allowedComponents the Camel components route files may use ({@link RouteFilePolicy}); each under its rule
 * @param allowedTools  executables route files may run through the tool runner, beside those of aegis.media.tools
 */
@ConfigurationProperties("aegis.routes")
public record RouteFilesProperties(Path dir, boolean watch, Duration pollInterval, Duration debounce,
        Duration drainTimeout, List<String> allowedComponents, List<String> allowedTools) {

    public RouteFilesProperties {
        allowedComponents = allowedComponents == null || allowedComponents.isEmpty()
                ? List.of("direct", "log", "bean", "exec", "aws2-s3", "langchain4j-chat") : List.copyOf(allowedComponents);
        allowedTools = allowedTools == null ? List.of() : List.copyOf(allowedTools);
    }

    /** Where the files declaring steps live: {@code steps/} of the routes folder. */
    public Path stepsDir() {
        return dir.resolve(STEPS);
    }

    /** The steps folder's name, the prefix of its files' names in reports ({@code steps/smart-crop.yaml}). */
    public static final String STEPS = "steps";
}
