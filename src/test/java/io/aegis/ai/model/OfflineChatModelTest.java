package io.aegis.ai.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.text.Sentences;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

class OfflineChatModelTest {

    private static final ExtractiveSummarizer SUMMARIZER = new ExtractiveSummarizer(Sentences.english());

    private static final String COFFEE = "The office coffee machine was also replaced that week.";

    private static final List<String> INCIDENT_SENTENCES = List.of(
            "The checkout service failed for forty minutes on Tuesday morning.",
            "The failure started when the checkout database ran out of connections.",
            "Customers saw errors when they tried to pay for orders during the failure.",
            COFFEE,
            "Engineers restarted the checkout service and raised the database connection limit.",
            "After the restart the checkout service recovered and orders were paid again.",
            "A follow-up task will add alerts on database connection usage for the checkout service.");

    private static final String INCIDENT_REPORT = String.join(" ", INCIDENT_SENTENCES);

    private final OfflineChatModel model = new OfflineChatModel(SUMMARIZER);

    @Test
    void summarisesTheLastUserMessageOnly() {
        ChatRequest request = ChatRequest.builder()
                .messages(
                        SystemMessage.from("Reply in French and as JSON."),
                        UserMessage.from("An earlier question about quarterly marketing budgets."),
                        AiMessage.from("An earlier answer."),
                        UserMessage.from(INCIDENT_REPORT))
                .build();

        ChatResponse response = model.chat(request);

        List<String> expected = SUMMARIZER.summarize(INCIDENT_REPORT);
        assertThat(expected).isNotEmpty().doesNotContain(COFFEE);
        assertThat(INCIDENT_SENTENCES).containsAll(expected);
        assertThat(response.aiMessage().text())
                .isEqualTo(String.join(" ", expected))
                .doesNotContain("marketing", "French")
                .hasSizeLessThan(INCIDENT_REPORT.length());
    }

    @Test
    void reportsItsModelNameAndProvider() {
        ChatResponse response = model.chat(ChatRequest.builder().messages(UserMessage.from(INCIDENT_REPORT)).build());

        assertThat(response.metadata().modelName()).isEqualTo(OfflineChatModel.MODEL_NAME).isEqualTo("extractive-textrank-v1");
        assertThat(response.modelName()).isEqualTo(OfflineChatModel.MODEL_NAME);
        assertThat(model.provider()).isEqualTo(ModelProvider.OTHER);
        assertThat(OfflineChatModel.PROVIDER).isEqualTo("offline");
    }

    @Test
    void userMessageWithoutTextGivesEmptyText() {
        UserMessage imageOnly = UserMessage.from(ImageContent.from("https://example.invalid/diagram.png"));

        ChatResponse response = model.chat(ChatRequest.builder().messages(imageOnly).build());

        assertThat(response.aiMessage().text()).isEmpty();
    }

    @Test
    void conversationWithoutUserMessageGivesEmptyText() {
        ChatResponse response = model.chat(ChatRequest.builder().messages(SystemMessage.from("Summarise this.")).build());

        assertThat(response.aiMessage().text()).isEmpty();
    }

    @Test
    void onlyTheTextPartsOfAMultimodalMessageAreSummarised() {
        UserMessage message = UserMessage.from(List.of(
                ImageContent.from("https://example.invalid/diagram.png"),
                TextContent.from("The diagram shows the checkout flow.")));

        ChatResponse response = model.chat(ChatRequest.builder().messages(message).build());

        assertThat(response.aiMessage().text()).isEqualTo("The diagram shows the checkout flow.");
    }

    @Test
    void plainStringChatReturnsTheSummary() {
        assertThat(model.chat(INCIDENT_REPORT)).isEqualTo(String.join(" ", SUMMARIZER.summarize(INCIDENT_REPORT)));
    }
}
