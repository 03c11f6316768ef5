package io.aegis.ai.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

/**
 * Offline stand-in for a cloud LLM: replies with an extractive summary of the last user message,
 * so it never generates new text and cannot follow instructions (system messages are ignored).
 */
public final class OfflineChatModel implements ChatModel {

    public static final String MODEL_NAME = "extractive-textrank-v1";
    public static final String PROVIDER = "offline";

    private final ExtractiveSummarizer summarizer;

    public OfflineChatModel(ExtractiveSummarizer summarizer) {
        this.summarizer = Objects.requireNonNull(summarizer, "summarizer");
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        String summary = String.join(" ", summarizer.summarize(lastUserText(chatRequest.messages())));
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(summary))
                .modelName(MODEL_NAME)
                .finishReason(FinishReason.STOP)
                .build();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                return textOf(user);
            }
        }
        return "";
    }

    // Multimodal messages may mix text with images; only the text parts can be summarised.
    private static String textOf(UserMessage message) {
        return message.contents().stream()
                .filter(TextContent.class::isInstance)
                .map(content -> ((TextContent) content).text())
                .collect(Collectors.joining("\n\n"));
    }
}
