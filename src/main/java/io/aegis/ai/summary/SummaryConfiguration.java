package io.aegis.ai.summary;

import io.aegis.ai.model.AiProperties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The summarize step's prompts and the bounded pool its map pass runs chunks on. */
@Configuration(proxyBeanMethods = false)
public class SummaryConfiguration {

    /** Sentences asked of each chunk's partial summary: enough to carry its facts into the final pass. */
    static final int PARTIAL_SENTENCES = 4;

    @Bean
    SummaryPrompt summaryPrompt(AiProperties ai) {
        return new SummaryPrompt("summarize-final.txt", ai.summarySentences());
    }

    @Bean
    SummaryPrompt mapPrompt() {
        return new SummaryPrompt("summarize-map.txt", PARTIAL_SENTENCES);
    }

    /** Shared by all summarize steps of this worker, so a 300-page PDF cannot flood the model with calls. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService summaryMapPool(SummaryProperties summary) {
        return Executors.newFixedThreadPool(summary.mapConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "aegis-summary-map");
            thread.setDaemon(true);
            return thread;
        });
    }
}
