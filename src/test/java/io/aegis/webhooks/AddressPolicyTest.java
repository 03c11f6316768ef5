package io.aegis.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy strict = new AddressPolicy(false, false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.0.0.1", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::", "fd00::1", "fe80::1", "224.0.0.1",
            "255.255.255.255", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:a00:1::"})
    void nonPublicAddressesAreRefused(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).isNull();
    }

    @Test
    void configurationCanAllowLoopbackAloneOrPrivateRanges() throws UnknownHostException {
        AddressPolicy loopback = new AddressPolicy(true, false);
        assertThat(loopback.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(loopback.refusal(InetAddress.getByName("10.0.0.1"))).isNotNull();
        assertThat(new AddressPolicy(false, true).refusal(InetAddress.getByName("10.0.0.1"))).isNull();
    }

    @Test
    void theResolverHandsTheClientOnlyAllowedAddresses() {
        assertThatThrownBy(() -> new GuardedDnsResolver(strict).resolve("169.254.169.254"))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> new GuardedDnsResolver(strict).resolve("localhost"))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("loopback");
    }

    @Test
    void aDeliveryToALoopbackReceiverIsRefusedAtConnectTimeUnlessAllowed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger received = new AtomicInteger();
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://localhost:" + server.getAddress().getPort() + "/hook";
            Webhook webhook = new Webhook("wh_1", "t", url, List.of("job.succeeded"), null,
                    WebhookSignature.newSecret(), Instant.now());
            WebhookSender.Outcome refused = new WebhookSender(properties(false)).send(webhook, "evt_1", "{}");
            assertThat(refused.delivered()).isFalse();
            assertThat(refused.statusCode()).isNull();
            assertThat(refused.error()).contains("refused").contains("loopback");
            assertThat(received.get()).isZero();

            WebhookSender.Outcome delivered = new WebhookSender(properties(true)).send(webhook, "evt_1", "{}");
            assertThat(delivered.delivered()).isTrue();
            assertThat(delivered.statusCode()).isEqualTo(204);
            assertThat(received.get()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    private static WebhookProperties properties(boolean allowLoopback) {
        return new WebhookProperties(10, allowLoopback, false, 3, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofDays(1));
    }
}
