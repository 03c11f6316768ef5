package io.aegis.ai.summary;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.aegis.ai.model.Prompts;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns text into the chat messages of a summary request, with the instruction from a prompt file:
 * {@code summarize-final.txt} for the summary itself, {@code summarize-map.txt} for one part of a long text.
 */
public class SummaryPrompt implements Processor {

    private final String instruction;

    SummaryPrompt(String promptFile, int sentences) {
        this.instruction = Prompts.load(promptFile).formatted(sentences);
    }

    @Override
    public void process(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        // Mutable on purpose: the langchain4j-chat producer rewrites the list in place.
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(instruction), UserMessage.from(text)));
        exchange.getMessage().setBody(messages);
    }
}
