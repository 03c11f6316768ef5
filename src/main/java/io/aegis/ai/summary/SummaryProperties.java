package io.aegis.ai.summary;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How texts are summarised ({@code aegis.ai.summary}): text over {@code chunkTokens} is cut into chunks
 * that are summarised in parallel ({@code mapConcurrency} at a time), and the partial summaries are
 * combined — again in chunks if they are still too long, at most {@code maxPasses} times. A text of fewer than
 * {@code minWords} words gets no summary, and neither does one whose summary would keep more than {@code maxShare} of
 * its words: both are recorded as unavailable with the reason, instead of a copy of the text.
 */
@ConfigurationProperties("aegis.ai.summary")
public record SummaryProperties(int chunkTokens, int mapConcurrency, int maxPasses, int minWords, double maxShare) {

    public SummaryProperties {
        chunkTokens = chunkTokens <= 0 ? 3000 : chunkTokens;
        mapConcurrency = mapConcurrency <= 0 ? 2 : mapConcurrency;
        maxPasses = maxPasses <= 0 ? 4 : maxPasses;
        minWords = minWords <= 0 ? 25 : minWords;
        maxShare = maxShare <= 0 || maxShare > 1 ? 0.6 : maxShare;
    }
}
