package io.aegis.platform;

import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which worker roles this process plays (api, orchestrator, media, ai). Locally one process plays all;
 * on AWS each role is its own service scaled on its own queue.
 */
@Component
public class Roles {

    public static final String API = "api";
    public static final String ORCHESTRATOR = "orchestrator";
    public static final String MEDIA = "media";
    public static final String AI = "ai";

    private final List<String> enabled;

    public Roles(@Value("${aegis.roles}") List<String> enabled) {
        this.enabled = enabled.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public boolean has(String role) {
        return enabled.contains(role);
    }
}
