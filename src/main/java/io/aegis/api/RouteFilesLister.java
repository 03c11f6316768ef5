package io.aegis.api;

import io.aegis.routefiles.RouteFileReloader;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** GET /v1/admin/routes: the YAML route files this process runs, with their content hash, and the last reload. */
@Component("routeFilesLister")
public class RouteFilesLister implements Processor {

    private final RouteFileReloader reloader;
    private final ApiResponses responses;

    public RouteFilesLister(RouteFileReloader reloader, ApiResponses responses) {
        this.reloader = reloader;
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        responses.json(exchange, 200, reloader.report());
    }
}
