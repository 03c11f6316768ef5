package io.aegis.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Turns the loaded text into the chat messages of a summary request. */
@Component("summaryPrompt")
public class SummaryPrompt implements Processor {

    static final String INSTRUCTION = "Summarise the user's document in at most %d sentences. Use only facts "
            + "stated in the document; do not add any. Answer with the summary alone.";

    private final AiProperties ai;

    public SummaryPrompt(AiProperties ai) {
        this.ai = ai;
    }

    @Override
    public void process(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        // Mutable on purpose: the langchain4j-chat producer rewrites the list in place.
        List<ChatMessage> messages = new ArrayList<>(List.of(
                SystemMessage.from(INSTRUCTION.formatted(ai.summarySentences())),
                UserMessage.from(text)));
        exchange.getMessage().setBody(messages);
    }
}
