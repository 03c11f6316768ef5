package io.aegis.orchestrate;

import io.aegis.platform.Roles;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Runs the recovery pass ({@link StrandedJobRecovery}) on a timer in every orchestrator: stranded jobs are announced
 * again or failed, dead-lettered ones failed naming their DLQ. Its first pass comes one interval after start-up, when
 * the consumers have had the chance to take what was waiting on the queues.
 */
@Component
public class RecoveryRoutes extends RouteBuilder {

    /** The timer route's id (tests pause it while they stage jobs by hand). */
    public static final String ROUTE_ID = "orchestrate.recovery";

    private final RecoveryProperties recovery;
    private final Roles roles;
    private final StrandedJobRecovery strandedJobRecovery;

    public RecoveryRoutes(RecoveryProperties recovery, Roles roles, StrandedJobRecovery strandedJobRecovery) {
        this.recovery = recovery;
        this.roles = roles;
        this.strandedJobRecovery = strandedJobRecovery;
    }

    @Override
    public void configure() {
        long period = recovery.interval().toMillis();
        from("timer:job-recovery?delay=" + period + "&period=" + period).routeId(ROUTE_ID)
                .autoStartup(recovery.enabled() && roles.has(Roles.ORCHESTRATOR))
                .bean(strandedJobRecovery, "run");
    }
}
