package io.aegis.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicTextTest {

    @Test
    void installationDetailsAreTakenOut() {
        String safe = PublicText.of("User arn:aws:iam::123456789012:role/aegis-media cannot reach "
                + "https://sqs.eu-west-1.amazonaws.com/123456789012/aegis-ai at 10.0.3.17:443 or db.internal:5432, "
                + "nor s3.eu-west-1.amazonaws.com; reading /tmp/aegis-work/job-1-2/original failed in account 123456789012");
        assertThat(safe).doesNotContain("arn:aws").doesNotContain("123456789012").doesNotContain("amazonaws.com")
                .doesNotContain("10.0.3.17").doesNotContain("db.internal").doesNotContain("/tmp/aegis-work");
        assertThat(safe).contains("[arn]", "[url]", "[address]", "[host]", "[path]", "[account]");
    }

    @Test
    void whatTenantsNeedStays() {
        String message = "the recording lasts 14401 s; the limit is 14400 s (image/jpeg, 2048 pages, thumb-256.jpg)";
        assertThat(PublicText.of(message)).isEqualTo(message);
        assertThat(PublicText.of("ffmpeg could not process the file (exit 1)")).isEqualTo("ffmpeg could not process the file (exit 1)");
    }

    @Test
    void longTextIsBounded() {
        assertThat(PublicText.of("x".repeat(10_000))).hasSize(PublicText.MAX_CHARS);
    }
}
