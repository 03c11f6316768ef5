package io.aegis.ai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Which chat model makes the insights; {@code offline} needs no key and no network. */
@ConfigurationProperties("aegis.ai")
public record AiProperties(String provider, int summarySentences) {
}
