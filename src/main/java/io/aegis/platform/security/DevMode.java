package io.aegis.platform.security;

import io.aegis.platform.aws.EmbeddedAwsStarter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Dev mode is explicit: {@value #MODE} ({@code AEGIS_DEV_MODE=true}, what {@code make run} sets) turns on the local
 * authorization server with its well-known dev clients and users, and binds the app and every embedded server to
 * {@value #BIND_ADDRESS} (loopback). Without dev mode a token issuer is required: with neither, or both, the
 * application refuses to start and names the settings. Runs right after the configuration is read, before the
 * embedded servers start ({@link EmbeddedAwsStarter}).
 */
public class DevMode implements EnvironmentPostProcessor, Ordered {

    public static final String MODE = "aegis.dev.mode";
    public static final String BIND_ADDRESS = "aegis.dev.bind-address";
    static final String ISSUER = "aegis.security.issuer-uri";
    static final String LOOPBACK = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(DevMode.class);

    @Override
    public int getOrder() {
        // After application.yaml and the profiles are read (config data), before EmbeddedAwsStarter (lowest).
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean devMode = environment.getProperty(MODE, Boolean.class, false);
        String issuer = environment.getProperty(ISSUER, "");
        check(devMode, issuer);
        if (devMode) {
            String address = environment.getProperty(BIND_ADDRESS, LOOPBACK);
            if (!isLoopback(address)) {
                log.warn("Dev mode listens on {} ({}): its well-known dev accounts are reachable from the network. "
                        + "Only do this in a container whose ports are published on 127.0.0.1 of the host.", address, BIND_ADDRESS);
            }
            // First in line: in dev mode nothing else decides where the app and its embedded servers listen.
            environment.getPropertySources().addFirst(new MapPropertySource("aegisDevMode", Map.of(
                    "server.address", address,
                    "aegis.embedded.bind-address", address)));
        }
    }

    /** Refuses a start with neither an issuer nor dev mode, or with both. */
    static void check(boolean devMode, String issuer) {
        boolean hasIssuer = issuer != null && !issuer.isBlank();
        if (!devMode && !hasIssuer) {
            throw new Refused("no token issuer is configured, and dev mode is off.",
                    "Set AEGIS_ISSUER_URI (aegis.security.issuer-uri) to your OAuth2 issuer (Cognito, Auth0, Keycloak), "
                    + "or, on a developer machine only, AEGIS_DEV_MODE=true (" + MODE + ") for the local authorization "
                    + "server with well-known dev accounts, reachable from this machine (127.0.0.1) only: `make run` does.");
        }
        if (devMode && hasIssuer) {
            throw new Refused("AEGIS_DEV_MODE=true (" + MODE + ") and AEGIS_ISSUER_URI (" + ISSUER + ") are both set.",
                    "Set one of them: the external issuer for a deployment, or dev mode (local dev accounts, loopback only).");
        }
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The configuration cannot be run safely; {@link DevModeFailureAnalyzer} prints the reason and the fix. */
    public static final class Refused extends IllegalStateException {

        private final String description;
        private final String action;

        Refused(String description, String action) {
            super("Aegis refuses to start: " + description + " " + action);
            this.description = description;
            this.action = action;
        }

        public String description() {
            return description;
        }

        public String action() {
            return action;
        }
    }
}
