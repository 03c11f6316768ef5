package io.aegis.routefiles;

/** A route file that must not replace what is running; the message says why, for the operator. */
public class RouteFileRejected extends Exception {

    public RouteFileRejected(String message) {
        super(message);
    }

    public RouteFileRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
