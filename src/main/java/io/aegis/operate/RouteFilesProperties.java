package io.aegis.operate;

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
 */
@ConfigurationProperties("aegis.routes")
public record RouteFilesProperties(Path dir, boolean watch, Duration pollInterval, Duration debounce,
        Duration drainTimeout, List<String> allowedComponents) {

    public RouteFilesProperties {
        allowedComponents = allowedComponents == null || allowedComponents.isEmpty()
                ? List.of("direct", "log", "bean", "exec") : List.copyOf(allowedComponents);
    }
}
