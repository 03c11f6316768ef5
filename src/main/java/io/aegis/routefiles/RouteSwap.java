package io.aegis.routefiles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Replaces a set of routes in the running context: the old ones stop gracefully (their in-flight exchanges
 * finish, bounded by the drain timeout), the new ones start; if the new ones fail, the old ones come back.
 * Callers of a {@code direct:} endpoint wait for its consumer meanwhile (the direct component blocks).
 */
@Component
public class RouteSwap {

    private static final Logger log = LoggerFactory.getLogger(RouteSwap.class);

    /** Fresh definitions of the routes to put back (definitions are not reused once removed). */
    @FunctionalInterface
    public interface Previous {
        List<RouteDefinition> routes() throws Exception;
    }

    private final ModelCamelContext camel;
    private final RouteFilesProperties properties;

    public RouteSwap(CamelContext camel, RouteFilesProperties properties) {
        this.camel = (ModelCamelContext) camel;
        this.properties = properties;
    }

    public void replace(Collection<String> oldIds, List<RouteDefinition> routes, Previous previous) throws RouteFileRejected {
        drain(oldIds);
        try {
            remove(oldIds);
        } catch (Exception e) {
            restore(oldIds, previous);
            throw new RouteFileRejected("could not remove the old routes: " + RouteFileParser.rootMessage(e), e);
        }
        try {
            camel.addRouteDefinitions(routes);
            for (RouteDefinition route : routes) {
                ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
                if (status == null || !status.isStarted()) {
                    throw new IllegalStateException("route " + route.getRouteId() + " did not start (" + status + ")");
                }
            }
        } catch (Exception e) {
            List<String> added = routes.stream().map(RouteDefinition::getRouteId).toList();
            quietlyRemove(added);
            restore(oldIds, previous);
            throw new RouteFileRejected("the new routes failed to start, the previous ones were restored: "
                    + RouteFileParser.rootMessage(e), e);
        }
    }

    /** Stops and removes routes whose file is gone, after their in-flight exchanges finished. */
    public void removeAll(Collection<String> ids) throws RouteFileRejected {
        drain(ids);
        try {
            remove(ids);
        } catch (Exception e) {
            throw new RouteFileRejected("could not remove the routes: " + RouteFileParser.rootMessage(e), e);
        }
    }

    private void drain(Collection<String> ids) throws RouteFileRejected {
        long timeout = properties.drainTimeout().toMillis();
        List<String> stopped = new ArrayList<>();
        for (String id : ids) {
            boolean done;
            try {
                // abortAfterTimeout: a route still busy after the timeout keeps running instead of being cut off.
                done = camel.getRouteController().stopRoute(id, timeout, TimeUnit.MILLISECONDS, true);
            } catch (Exception e) {
                done = false;
            }
            if (!done) {
                startAgain(stopped);
                throw new RouteFileRejected("route " + id + " did not finish its in-flight exchanges within "
                        + properties.drainTimeout() + "; nothing was changed");
            }
            stopped.add(id);
        }
    }

    private void remove(Collection<String> ids) throws Exception {
        for (String id : ids) {
            RouteDefinition definition = camel.getRouteDefinition(id);
            if (definition != null) {
                camel.removeRouteDefinition(definition);
            } else {
                camel.removeRoute(id);
            }
        }
    }

    private void quietlyRemove(Collection<String> ids) {
        for (String id : ids) {
            try {
                remove(List.of(id));
            } catch (Exception e) {
                log.warn("Could not remove route {} after a failed swap", id, e);
            }
        }
    }

    private void restore(Collection<String> oldIds, Previous previous) {
        if (oldIds.isEmpty()) {
            return;
        }
        try {
            quietlyRemove(oldIds.stream().filter(id -> camel.getRoute(id) != null || camel.getRouteDefinition(id) != null).toList());
            camel.addRouteDefinitions(previous.routes());
        } catch (Exception e) {
            log.error("Could not restore routes {} after a failed swap; they are not running", oldIds, e);
        }
    }

    private void startAgain(Collection<String> ids) {
        for (String id : ids) {
            try {
                camel.getRouteController().startRoute(id);
            } catch (Exception e) {
                log.error("Could not restart route {} after an aborted swap", id, e);
            }
        }
    }
}
