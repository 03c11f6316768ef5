package io.aegis.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Registers, finds and removes a tenant's endpoints, checking what a registration asks for: an absolute http(s)
 * URL without credentials of at most 2048 characters whose host resolves to addresses the {@link AddressPolicy}
 * allows (checked again at every delivery), known event types, and the tenant's endpoint limit.
 */
@Component
public class WebhookRegistry {

    static final int MAX_URL_CHARS = 2048;
    static final int MAX_DESCRIPTION_CHARS = 200;

    private final WebhookStore store;
    private final WebhookProperties properties;
    private final AddressPolicy policy;
    private final Clock clock = Clock.systemUTC();

    public WebhookRegistry(WebhookStore store, WebhookProperties properties) {
        this.store = store;
        this.properties = properties;
        this.policy = new AddressPolicy(properties.allowLoopback(), properties.allowPrivate());
    }

    /** The new endpoint, its secret included (the only time it is shown); {@link Refused} says what is wrong. */
    public Webhook register(String tenant, String url, List<String> events, String description) {
        URI uri = checkUrl(url);
        List<String> wanted = checkEvents(events);
        if (description != null && description.length() > MAX_DESCRIPTION_CHARS) {
            throw new Refused(400, "description must be at most " + MAX_DESCRIPTION_CHARS + " characters");
        }
        if (store.listByTenant(tenant).size() >= properties.maxPerTenant()) {
            throw new Refused(409, "this tenant already has " + properties.maxPerTenant()
                    + " webhooks, the most allowed; delete one first");
        }
        Webhook webhook = new Webhook("wh_" + UUID.randomUUID().toString().replace("-", ""), tenant, uri.toString(),
                wanted, description, WebhookSignature.newSecret(), clock.instant());
        store.create(webhook);
        return webhook;
    }

    public List<Webhook> list(String tenant) {
        return store.listByTenant(tenant);
    }

    /** The tenant's endpoint; another tenant's is as absent as a missing one. */
    public Optional<Webhook> find(String tenant, String webhookId) {
        return webhookId == null ? Optional.empty() : store.find(webhookId).filter(w -> w.tenant().equals(tenant));
    }

    public boolean remove(String tenant, String webhookId) {
        Optional<Webhook> found = find(tenant, webhookId);
        found.ifPresent(w -> store.delete(w.webhookId()));
        return found.isPresent();
    }

    private URI checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new Refused(400, "url is required");
        }
        if (url.length() > MAX_URL_CHARS) {
            throw new Refused(400, "url must be at most " + MAX_URL_CHARS + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused(400, "url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused(400, "url must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused(400, "url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused(400, "url must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused(400, "url must not have a fragment");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                String refusal = policy.refusal(address);
                if (refusal != null) {
                    throw new Refused(400, "url's host " + uri.getHost() + " resolves to " + refusal + " ("
                            + address.getHostAddress() + "); webhooks are delivered to public addresses only");
                }
            }
        } catch (UnknownHostException e) {
            throw new Refused(400, "url's host " + uri.getHost() + " does not resolve");
        }
        return uri;
    }

    private static List<String> checkEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new Refused(400, "events is required: one or more of " + WebhookEventType.ALL);
        }
        for (String event : events) {
            if (!WebhookEventType.ALL.contains(event)) {
                throw new Refused(400, "unknown event '" + event + "'; known: " + WebhookEventType.ALL);
            }
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }

    /** A registration that is refused, with the HTTP status that says why. */
    public static class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
