package io.aegis.ai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long texts are summarised ({@code aegis.ai.summary}): text over {@code chunkTokens} is cut into chunks
 * that are summarised in parallel ({@code mapConcurrency} at a time), and the partial summaries are
 * combined — again in chunks if they are still too long, at most {@code maxPasses} times.
 */
@ConfigurationProperties("aegis.ai.summary")
public record SummaryProperties(int chunkTokens, int mapConcurrency, int maxPasses) {

    public SummaryProperties {
        chunkTokens = chunkTokens <= 0 ? 3000 : chunkTokens;
        mapConcurrency = mapConcurrency <= 0 ? 2 : mapConcurrency;
        maxPasses = maxPasses <= 0 ? 4 : maxPasses;
    }
}
