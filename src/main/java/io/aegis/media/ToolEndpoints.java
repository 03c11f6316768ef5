package io.aegis.media;

import org.apache.camel.CamelContext;
import org.apache.camel.component.exec.ExecEndpoint;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * Every {@code exec:} endpoint that runs through the tool runner ({@code commandExecutor=#toolExecutor}) also reads
 * its calls through {@link ToolBinding}, whichever route made it (Java, a route file, a live reload): "through the tool
 * runner" is one thing to write and one thing to check.
 */
@Component
public class ToolEndpoints implements CamelContextConfiguration {

    private final ToolBinding binding;

    public ToolEndpoints(MediaProperties media) {
        this.binding = new ToolBinding(media);
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        // Also run for the endpoints already made, then for every one made later.
        camel.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> {
            if (endpoint instanceof ExecEndpoint exec && exec.getCommandExecutor() instanceof ToolExecutor) {
                exec.setBinding(binding);
            }
            return endpoint;
        });
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }
}
