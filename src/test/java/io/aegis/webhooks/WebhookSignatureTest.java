package io.aegis.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceLibraries() {
        // The test vector of the Standard Webhooks / Svix reference libraries.
        assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void newSecretsAreDistinctAndCarryTheirPrefix() {
        String one = WebhookSignature.newSecret();
        assertThat(one).startsWith("whsec_").hasSizeGreaterThan(40).isNotEqualTo(WebhookSignature.newSecret());
    }
}
