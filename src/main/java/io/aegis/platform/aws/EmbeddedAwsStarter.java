package io.aegis.platform.aws;

import java.util.concurrent.CompletableFuture;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded servers on a background thread as soon as the configuration is known, so their
 * seconds of start-up overlap Spring's own instead of following it. {@link AwsClientsConfiguration}
 * waits for them before the first client is built.
 */
public class EmbeddedAwsStarter implements EnvironmentPostProcessor {

    private static volatile CompletableFuture<EmbeddedAwsServers> starting;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        boolean embedded = binder.bind("aegis.aws.embedded", Boolean.class).orElse(true);
        if (!embedded || starting != null) {
            return;
        }
        binder.bind("aegis.embedded", EmbeddedAwsProperties.class).ifBound(props ->
                starting = CompletableFuture.supplyAsync(() -> EmbeddedAwsServers.start(props)));
    }

    /** The servers started early for these properties, or started now if none were. */
    static EmbeddedAwsServers await(EmbeddedAwsProperties props) {
        CompletableFuture<EmbeddedAwsServers> early = starting;
        starting = null;
        return early != null ? early.join() : EmbeddedAwsServers.start(props);
    }
}
