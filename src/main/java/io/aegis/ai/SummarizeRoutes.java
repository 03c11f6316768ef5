package io.aegis.ai;

import io.aegis.platform.AegisHeaders;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The summarize step: text → chat model (offline or cloud, via camel-langchain4j-chat) → asset insight. */
@Component
public class SummarizeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // Errors travel up to the ai.worker consumer, which retries or fails the job.
        errorHandler(noErrorHandler());

        from("direct:step-summarize").routeId("ai.summarize")
                .process("textLoader")
                .choice()
                    .when(exchangeProperty(AegisHeaders.STEP_SKIPPED).isNotNull())
                        .process("summaryRecorder")
                    .otherwise()
                        .process("summaryPrompt")
                        // The component autowires the single ChatModel bean: which provider is configuration.
                        .to("langchain4j-chat:summarize?chatOperation=CHAT_MULTIPLE_MESSAGES")
                        .process("summaryRecorder")
                .end();
    }
}
