package io.aegis.ai.image;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.aegis.ai.model.PromptText;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The one repair turn: the conversation so far, the model's own answer, and what was wrong with it. */
@Component("imageAnswerRepairPrompt")
public class ImageAnswerRepairPrompt implements Processor {

    private final String repair = PromptText.load("/prompts/analyze-image-repair.txt");

    @Override
    public void process(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<ChatMessage> conversation = exchange.getProperty(ImageAnalysisPrompt.CONVERSATION, List.class);
        List<ChatMessage> messages = new ArrayList<>(conversation);
        messages.add(AiMessage.from(exchange.getProperty(ImageAnswerChecker.ANSWER, String.class)));
        messages.add(UserMessage.from(repair.replace("{{error}}", exchange.getProperty(ImageAnswerChecker.ERROR, String.class))));
        exchange.getMessage().setBody(messages);
    }
}
