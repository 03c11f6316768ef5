package io.aegis.routefiles;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Looks at the routes folder every poll interval once the app is ready and applies what settled. Polling rather than
 * inotify: it also sees network mounts. Symbolic links are never followed (RouteFileReloader refuses them), so a
 * Kubernetes ConfigMap must be mounted with subPath or copied in, not linked.
 */
@Component
public class RouteFolderWatcher {

    private static final Logger log = LoggerFactory.getLogger(RouteFolderWatcher.class);

    private final RouteFileReloader reloader;
    private final RouteFilesProperties properties;
    private ScheduledExecutorService poller;

    public RouteFolderWatcher(RouteFileReloader reloader, RouteFilesProperties properties) {
        this.reloader = reloader;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        reloader.report(); // records what start-up loaded before anything can change it
        if (!properties.watch() || poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aegis-route-watcher");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    private void poll() {
        try {
            reloader.reloadSettled(properties.debounce());
        } catch (RuntimeException e) {
            log.error("Route folder check failed; trying again in {}", properties.pollInterval(), e);
        }
    }
}
