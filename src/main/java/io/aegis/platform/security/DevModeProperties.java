package io.aegis.platform.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Dev mode ({@link DevMode}): the local authorization server with well-known dev clients and users, everything bound
 * to {@code bindAddress} (loopback). {@code signingKey}: where the local server keeps its signing key, so dev tokens
 * survive a restart.
 */
@ConfigurationProperties("aegis.dev")
public record DevModeProperties(boolean mode, String bindAddress, Path signingKey) {
}
