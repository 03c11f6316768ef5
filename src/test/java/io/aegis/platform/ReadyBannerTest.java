package io.aegis.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aegis.platform.security.DevModeProperties;
import io.aegis.platform.security.SecurityProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** The ready banner comes once health is UP, never before, and only once. */
@ExtendWith(OutputCaptureExtension.class)
class ReadyBannerTest {

    private static final String BANNER = "Aegis ready in";

    private static final SecurityProperties LOCAL_ISSUER = new SecurityProperties("tenant", "", "", List.of(),
            "http://localhost:8080", "aegis-api", null, null, null, null, null, null, null, null,
            List.of(new SecurityProperties.DevClient("aegis-local", "aegis-local-secret", "local",
                    List.of("media:read", "media:write"))),
            List.of(new SecurityProperties.DevUser("dev", "dev", "local", List.of("media:read"))), null);

    @Test
    void theBannerWaitsUntilHealthIsUp(CapturedOutput output) {
        List<Boolean> bannerShownWhileDown = new ArrayList<>();
        AtomicInteger looks = new AtomicInteger();
        // DOWN for the first three looks (consumers that have not polled yet), then UP.
        BooleanSupplier health = () -> {
            bannerShownWhileDown.add(output.getOut().contains(BANNER));
            return looks.incrementAndGet() > 3;
        };

        boolean announced = banner(health).announceWhenHealthy(Duration.ofMillis(1), Duration.ofMinutes(1));

        assertThat(announced).isTrue();
        assertThat(looks).hasValue(4);
        assertThat(bannerShownWhileDown).as("banner printed before health was UP").containsOnly(false);
        assertThat(output.getOut()).contains(BANNER, "Web console: http://localhost:8484/", "-F file=@README.md");
        assertThat(output.getOut().split(BANNER, -1)).as("printed once").hasSize(2);
    }

    @Test
    void aHealthCheckThatThrowsCountsAsNotYetHealthy(CapturedOutput output) {
        AtomicInteger looks = new AtomicInteger();
        BooleanSupplier health = () -> {
            if (looks.incrementAndGet() == 1) {
                throw new IllegalStateException("context still starting");
            }
            return true;
        };

        assertThat(banner(health).announceWhenHealthy(Duration.ofMillis(1), Duration.ofMinutes(1))).isTrue();
        assertThat(looks).hasValue(2);
        assertThat(output.getOut()).contains(BANNER);
    }

    @Test
    void anAppThatNeverGetsHealthySaysWhyOnceAndPrintsNoBannerUntilItIs(CapturedOutput output) throws Exception {
        AtomicInteger looks = new AtomicInteger();
        ReadyBanner banner = banner(() -> looks.incrementAndGet() < 0);
        Thread waiting = new Thread(() -> banner.announceWhenHealthy(Duration.ofMillis(1), Duration.ofMillis(20)));
        waiting.start();
        // Well past the note's 20 ms: many more looks after it, still one note.
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("is not UP yet"));
        int looksAtNote = looks.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() > looksAtNote + 20);
        waiting.interrupt();
        waiting.join(5_000);

        assertThat(waiting.isAlive()).as("stops when interrupted (shutdown)").isFalse();
        assertThat(output.getOut()).doesNotContain(BANNER);
        assertThat(output.getOut().split("is not UP yet", -1)).as("one note, not one per look").hasSize(2);
    }

    private static ReadyBanner banner(BooleanSupplier health) {
        return new ReadyBanner(new MockEnvironment().withProperty("local.server.port", "8484"), LOCAL_ISSUER,
                new DevModeProperties(true, null, null), health);
    }
}
