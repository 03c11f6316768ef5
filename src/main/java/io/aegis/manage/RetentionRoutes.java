package io.aegis.manage;

import io.aegis.platform.Roles;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The retention sweep ({@link RetentionSweeper}) every {@code aegis.retention.check-interval}, in processes with the
 * api role: those that delete assets on request, with the search index at hand (the in-memory store lives in the
 * api+ai process; a process of neither role must not write its file). {@code direct:retention-sweep} runs one on
 * demand (tests).
 */
@Component
public class RetentionRoutes extends RouteBuilder {

    private final RetentionProperties retention;
    private final Roles roles;
    private final RetentionSweeper retentionSweeper;

    public RetentionRoutes(RetentionProperties retention, Roles roles, RetentionSweeper retentionSweeper) {
        this.retention = retention;
        this.roles = roles;
        this.retentionSweeper = retentionSweeper;
    }

    @Override
    public void configure() {
        from("timer:retention?delay=60000&period=" + retention.checkInterval().toMillis())
                .routeId("manage.retention")
                .autoStartup(roles.has(Roles.API) && !retention.days().isEmpty())
                .to("direct:retention-sweep");
        from("direct:retention-sweep").routeId("manage.retention-sweep")
                .process(retentionSweeper);
    }
}
