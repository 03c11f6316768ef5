package io.aegis.ai.image;

import dev.langchain4j.model.chat.ChatModel;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.langchain4j.chat.LangChain4jChatEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * analyze-image with a vision chat model through camel-langchain4j-chat: prompt, answer checked against the
 * schema, at most one repair turn. The model is the {@code visionChatModel} bean when there is one, else the
 * default chat model.
 */
@Component
public class ImageModelRoutes extends RouteBuilder {

    static final String CHAT_URI = "langchain4j-chat:analyze-image?chatOperation=CHAT_MULTIPLE_MESSAGES";

    private final Supplier<ChatModel> model;
    private final ImageAnalysisPrompt imageAnalysisPrompt;
    private final ImageAnswerChecker imageAnswerChecker;
    private final ImageAnswerRepairPrompt imageAnswerRepairPrompt;

    @Autowired
    public ImageModelRoutes(@Qualifier("visionChatModel") ObjectProvider<ChatModel> vision,
                            ObjectProvider<ChatModel> models, ImageAnalysisPrompt imageAnalysisPrompt,
                            ImageAnswerChecker imageAnswerChecker, ImageAnswerRepairPrompt imageAnswerRepairPrompt) {
        this(() -> vision.getIfAvailable(models::getObject), imageAnalysisPrompt, imageAnswerChecker,
                imageAnswerRepairPrompt);
    }

    ImageModelRoutes(Supplier<ChatModel> model, ImageAnalysisPrompt imageAnalysisPrompt,
                     ImageAnswerChecker imageAnswerChecker, ImageAnswerRepairPrompt imageAnswerRepairPrompt) {
        this.model = model;
        this.imageAnalysisPrompt = imageAnalysisPrompt;
        this.imageAnswerChecker = imageAnswerChecker;
        this.imageAnswerRepairPrompt = imageAnswerRepairPrompt;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        // Set on this endpoint only: the component's autowired model stays the one summarize uses.
        LangChain4jChatEndpoint chat = getCamelContext().getEndpoint(CHAT_URI, LangChain4jChatEndpoint.class);
        chat.getConfiguration().setChatModel(model.get());

        from("direct:analyze-image-model").routeId("ai.analyze-image-model")
                .process(imageAnalysisPrompt)
                .to(chat)
                .process(imageAnswerChecker)
                // One repair turn with the model's own answer and the schema error; a second miss fails the step.
                .filter(exchangeProperty(ImageAnswerChecker.ERROR).isNotNull())
                    .process(imageAnswerRepairPrompt)
                    .to(chat)
                    .process(imageAnswerChecker)
                .end();
    }
}
