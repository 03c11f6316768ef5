package io.aegis.api;

import io.aegis.routefiles.ReloadAttempt;
import io.aegis.routefiles.RouteFileReloader;
import io.aegis.routefiles.RouteFilesReport;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * POST /v1/admin/routes/reload: applies every changed, added or deleted route file of this process now.
 * Answers 200 with each attempt; a refused file is an attempt with result REJECTED, not an HTTP error.
 */
@Component("routeReloadTrigger")
public class RouteReloadTrigger implements Processor {

    private final RouteFileReloader reloader;
    private final ApiResponses responses;

    public RouteReloadTrigger(RouteFileReloader reloader, ApiResponses responses) {
        this.reloader = reloader;
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        List<ReloadAttempt> attempts = reloader.reloadNow();
        RouteFilesReport report = reloader.report();
        responses.json(exchange, 200, new RouteReload(attempts, report.files(), report.lastReload()));
    }

    public record RouteReload(List<ReloadAttempt> attempts, List<RouteFilesReport.LoadedFile> files,
            ReloadAttempt lastReload) {
    }
}
