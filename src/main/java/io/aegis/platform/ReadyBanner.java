package io.aegis.platform;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells a new user, once everything is up, how long start-up took and how to push a first file through. */
@Component
public class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    private final Environment environment;
    private final SecurityProperties security;
    private final DevModeProperties dev;

    public ReadyBanner(Environment environment, SecurityProperties security, DevModeProperties dev) {
        this.environment = environment;
        this.security = security;
        this.dev = dev;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
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

    private String consoleUsers() {
        return security.devUsers().isEmpty() ? "" : "(sign in as " + security.devUsers().stream()
                .map(user -> user.username() + " / " + user.password())
                .collect(java.util.stream.Collectors.joining(", or ")) + ")";
    }
}
