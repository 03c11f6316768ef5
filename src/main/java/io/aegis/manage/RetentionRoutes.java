package io.aegis.manage;

import io.aegis.platform.Roles;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The retention sweep ({@link RetentionSweeper}) every {@code aegis.retention.check-interval}, in processes with the
 * orchestrator role; {@code direct:retention-sweep} runs one on demand (tests, operators through a route reload).
 */
@Component
public class RetentionRoutes extends RouteBuilder {

    private final RetentionProperties retention;
    private final Roles roles;

    public RetentionRoutes(RetentionProperties retention, Roles roles) {
        this.retention = retention;
        this.roles = roles;
    }

    @Override
    public void configure() {
        from("timer:retention?delay=60000&period=" + retention.checkInterval().toMillis())
                .routeId("manage.retention")
                .autoStartup(roles.has(Roles.ORCHESTRATOR) && !retention.days().isEmpty())
                .to("direct:retention-sweep");
        from("direct:retention-sweep").routeId("manage.retention-sweep")
                .process("retentionSweeper");
    }
}
