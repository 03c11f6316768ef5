package io.aegis.platform;

import io.aegis.platform.security.DevMode;
import io.aegis.platform.security.DevModeProperties;
import io.aegis.platform.security.SecurityProperties;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells a new user, once Aegis is really ready, how long start-up took and how to push a first file through.
 * "Ready" is {@code /actuator/health} UP, not Spring's ApplicationReadyEvent: Camel's checks stay DOWN until every
 * polling consumer (the SQS queues, the S3 inbox) has polled once, which takes a few seconds more.
 */
@Component
public class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);
    static final Duration POLL = Duration.ofMillis(250);
    /** After this long without health UP, say once why the banner has not come yet. */
    static final Duration STILL_WAITING_NOTE = Duration.ofSeconds(60);

    private final Environment environment;
    private final SecurityProperties security;
    private final DevModeProperties dev;
    private final BooleanSupplier healthy;
    private volatile Thread waiter;

    @Autowired
    public ReadyBanner(Environment environment, SecurityProperties security, DevModeProperties dev, CamelContext camel,
                       ObjectProvider<HealthEndpoint> health) {
        this(environment, security, dev, () -> camelChecksUp(camel) && healthEndpointUp(health));
    }

    ReadyBanner(Environment environment, SecurityProperties security, DevModeProperties dev, BooleanSupplier healthy) {
        this.environment = environment;
        this.security = security;
        this.dev = dev;
        this.healthy = healthy;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        Thread thread = new Thread(() -> announceWhenHealthy(POLL, STILL_WAITING_NOTE), "aegis-ready-banner");
        thread.setDaemon(true);
        waiter = thread;
        thread.start();
    }

    @EventListener(ContextClosedEvent.class)
    void closing() {
        Thread thread = waiter;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Waits until healthy, then prints the banner; false when interrupted first (the app is shutting down). */
    boolean announceWhenHealthy(Duration poll, Duration stillWaitingNote) {
        long noteAt = System.nanoTime() + stillWaitingNote.toNanos();
        boolean noted = false;
        while (!isHealthy()) {
            if (!noted && System.nanoTime() - noteAt > 0) {
                noted = true;
                log.warn("Aegis has started but /actuator/health is not UP yet (a dependency unreachable?); "
                        + "the ready banner follows once it is: see {}/actuator/health", base());
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        printBanner();
        return true;
    }

    private boolean isHealthy() {
        try {
            return healthy.getAsBoolean();
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private void printBanner() {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String base = base();
        if (!dev.mode() || security.devClients().isEmpty()) {
            log.info("Aegis ready in {} ms at {}", uptime, base);
            return;
        }
        log.warn("DEV MODE ({}=true): well-known dev accounts, listening on {} only; never expose this instance",
                DevMode.MODE, environment.getProperty("server.address", "127.0.0.1"));
        var client = security.devClients().get(0);
        log.info("""
                Aegis ready in {} ms at {}
                  Web console: {}/ {}
                  TOKEN=$(curl -s -u {}:{} -d grant_type=client_credentials -d scope="{}" {}/oauth2/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" -F file=@README.md {}/v1/upload
                  curl -s -H "Authorization: Bearer $TOKEN" {}/v1/jobs/<jobId>""",
                uptime, base, base, consoleUsers(), client.clientId(), client.clientSecret(), String.join(" ", client.scopes()),
                base, base, base);
    }

    private String base() {
        return "http://localhost:" + environment.getProperty("local.server.port", "8080");
    }

    /**
     * Camel's own checks, read directly: asking {@code /actuator/health} while they are still DOWN would log a
     * warning per consumer that has not polled yet, several times a second.
     */
    static boolean camelChecksUp(CamelContext camel) {
        return HealthCheckHelper.invoke(camel).stream()
                .filter(result -> !Boolean.FALSE.equals(result.getDetails().get(HealthCheck.CHECK_ENABLED)))
                .allMatch(result -> result.getState() == HealthCheck.State.UP);
    }

    /** The same answer {@code GET /actuator/health} gives; without the health endpoint, Camel's checks decide. */
    static boolean healthEndpointUp(ObjectProvider<HealthEndpoint> health) {
        HealthEndpoint endpoint = health.getIfAvailable();
        return endpoint == null || Status.UP.equals(endpoint.health().getStatus());
    }

    private String consoleUsers() {
        return security.devUsers().isEmpty() ? "" : "(sign in as " + security.devUsers().stream()
                .map(user -> user.username() + " / " + user.password())
                .collect(java.util.stream.Collectors.joining(", or ")) + ")";
    }
}
