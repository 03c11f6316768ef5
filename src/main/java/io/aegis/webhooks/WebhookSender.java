package io.aegis.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One HTTP try of one event to one endpoint, signed the Standard Webhooks way. No redirects (a 3xx is a failed
 * try: a redirect could point anywhere), no proxies from the environment, bounded connect and read times, and at
 * most {@link #MAX_ANSWER_BYTES} of the answer read before the connection is dropped.
 */
@Component
public class WebhookSender implements DisposableBean {

    static final int MAX_ANSWER_BYTES = 1024;
    static final String USER_AGENT = "Aegis-Webhooks/1";

    private final CloseableHttpClient client;
    private final Clock clock = Clock.systemUTC();

    public WebhookSender(WebhookProperties properties) {
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout read = Timeout.of(properties.timeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(
                                new AddressPolicy(properties.allowLoopback(), properties.allowPrivate())))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(read).build())
                        .setMaxConnTotal(64).setMaxConnPerRoute(8)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .build();
    }

    /** Posts {@code payload} to the endpoint as message {@code messageId}; never throws for the receiver's faults. */
    public Outcome send(Webhook webhook, String messageId, String payload) {
        long timestamp = clock.instant().getEpochSecond();
        HttpPost post = new HttpPost(webhook.url());
        post.setHeader("webhook-id", messageId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", WebhookSignature.sign(webhook.secret(), messageId, timestamp, payload));
        post.setEntity(new StringEntity(payload, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        long started = System.nanoTime();
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            int status = response.getCode();
            if (response.getEntity() != null) {
                try (InputStream answer = response.getEntity().getContent()) {
                    answer.readNBytes(MAX_ANSWER_BYTES);
                }
            }
            boolean delivered = status >= 200 && status < 300;
            return new Outcome(status, delivered ? null : "HTTP " + status, elapsedMs(started));
        } catch (UnknownHostException e) {
            return new Outcome(null, e.getMessage(), elapsedMs(started));
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage(), elapsedMs(started));
        }
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }

    /** The receiver's status (null when no answer came) and what went wrong, if anything. */
    public record Outcome(Integer statusCode, String error, long durationMs) {
        public boolean delivered() {
            return error == null;
        }
    }
}
