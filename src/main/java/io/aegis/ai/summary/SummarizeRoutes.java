package io.aegis.ai.summary;

import io.aegis.ai.tags.KeywordTagRecorder;
import io.aegis.platform.AegisHeaders;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The summarize step: text → chat model (offline or cloud, via camel-langchain4j-chat) → asset insight.
 * A text longer than one call's budget is map-reduced: its chunks are summarised in parallel (bounded),
 * the partial summaries regrouped and summarised again until they fit one call, then summarised once more.
 */
@Component
public class SummarizeRoutes extends RouteBuilder {

    private final ExecutorService summaryMapPool;
    private final SummaryProperties summary;
    private final TextLoader textLoader;
    private final SummaryRecorder summaryRecorder;
    private final SummaryChunker summaryChunker;
    private final SummaryPrompt mapPrompt;
    private final PartialRegrouper partialRegrouper;
    private final SummaryPrompt summaryPrompt;
    private final KeywordTagRecorder keywordTagRecorder;
    private final ContentDescriber contentDescriber;

    public SummarizeRoutes(ExecutorService summaryMapPool, SummaryProperties summary, TextLoader textLoader,
                           SummaryRecorder summaryRecorder, SummaryChunker summaryChunker,
                           @Qualifier("mapPrompt") SummaryPrompt mapPrompt, PartialRegrouper partialRegrouper,
                           @Qualifier("summaryPrompt") SummaryPrompt summaryPrompt,
                           KeywordTagRecorder keywordTagRecorder, ContentDescriber contentDescriber) {
        this.summaryMapPool = summaryMapPool;
        this.summary = summary;
        this.textLoader = textLoader;
        this.summaryRecorder = summaryRecorder;
        this.summaryChunker = summaryChunker;
        this.mapPrompt = mapPrompt;
        this.partialRegrouper = partialRegrouper;
        this.summaryPrompt = summaryPrompt;
        this.keywordTagRecorder = keywordTagRecorder;
        this.contentDescriber = contentDescriber;
    }

    @Override
    public void configure() {
        // Errors travel up to the ai.worker consumer, which retries or fails the job.
        errorHandler(noErrorHandler());

        from("direct:step-summarize").routeId("ai.summarize")
                .process(textLoader)
                .setProperty(KeywordTagRecorder.TEXT_PROPERTY, body())
                .choice()
                    .when(exchangeProperty(AegisHeaders.STEP_SKIPPED).isNotNull())
                        .process(summaryRecorder)
                    .otherwise()
                        .process(summaryChunker)
                        .setProperty(PartialRegrouper.PASSES, constant(0))
                        // Map passes shrink the text until it fits one call; bounded, in case a model won't shorten.
                        .loopDoWhile(simple("${body.size()} > 1 && ${exchangeProperty[" + PartialRegrouper.PASSES
                                + "]} < " + summary.maxPasses()))
                            .split(body(), AggregationStrategies.flexible(String.class)
                                    .accumulateInCollection(ArrayList.class))
                                .parallelProcessing().executorService(summaryMapPool).stopOnException()
                                .process(mapPrompt)
                                .to("langchain4j-chat:summarize-part?chatOperation=CHAT_MULTIPLE_MESSAGES")
                            .end()
                            .process(partialRegrouper)
                        .end()
                        .bean(partialRegrouper, "finalText")
                        .process(summaryPrompt)
                        // The component autowires the single ChatModel bean: which provider is configuration.
                        .to("langchain4j-chat:summarize?chatOperation=CHAT_MULTIPLE_MESSAGES")
                        .process(summaryRecorder)
                .end()
                // Keyword tags from the same text (offline, deterministic), and for recordings a title and chapters.
                .process(keywordTagRecorder)
                .filter(header(AegisHeaders.MEDIA_TYPE).in("video", "audio"))
                    .process(contentDescriber)
                .end();
    }
}
