package io.aegis.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The drop-in area of the raw bucket: objects at {prefix}{tenant}/{name} become jobs of that tenant. */
@ConfigurationProperties("aegis.inbox")
public record InboxProperties(String prefix, String rejectedPrefix, long pollDelayMs) {
}
