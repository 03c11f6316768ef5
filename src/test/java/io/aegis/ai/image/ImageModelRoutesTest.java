package io.aegis.ai.image;

import io.aegis.ai.model.AnsweredBy;
import io.aegis.ai.model.ModelIdentity;
import io.aegis.testmedia.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.aegis.state.ErrorCode;
import io.aegis.state.Insights;
import io.aegis.state.StepFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vision-model path of analyze-image, with a scripted chat model in place of a cloud one. */
class ImageModelRoutesTest {

    static final String VALID = "{\"tags\":[\"Beach\",\"sea\"],\"description\":\"A beach at noon.\",\"nsfw\":{\"score\":0.02}}";
    static final ModelIdentity MODEL = new ModelIdentity("openai", "gpt-4o-mini");

    private DefaultCamelContext camel;

    // The scripted model is not a ResilientChatModel, so nothing records who answered: start clean, as a real
    // call does, instead of inheriting what an earlier test left on this thread.
    @BeforeEach
    void forgetEarlierAnswers() {
        AnsweredBy.clear();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void aValidAnswerBecomesTheAnalysisWithItsProvenance() throws Exception {
        ScriptedModel model = new ScriptedModel(VALID);

        ImageAnalysis analysis = run(model).getProperty(ImageAnalysis.PROPERTY, ImageAnalysis.class);

        assertThat(analysis.tags()).containsExactly("beach", "sea");
        assertThat(analysis.description()).isEqualTo("A beach at noon.");
        assertThat(analysis.nsfwScore()).isEqualTo(0.02);
        assertThat(analysis.source()).isEqualTo(new Insights.Source("openai", "gpt-4o-mini"));
        List<ChatMessage> sent = model.requests.get(0);
        assertThat(sent.get(0)).isInstanceOf(SystemMessage.class);
        assertThat(((SystemMessage) sent.get(0)).text()).contains("\"nsfw\"");
        UserMessage user = (UserMessage) sent.get(1);
        assertThat(user.contents()).anyMatch(ImageContent.class::isInstance);
        assertThat(user.contents().get(0).toString()).contains("1200 × 800").contains("Aegis Optics");
    }

    @Test
    void anInvalidAnswerGetsOneRepairTurnWithItsOwnAnswerAndTheError() throws Exception {
        ScriptedModel model = new ScriptedModel("Sure! Here are the tags: beach, sea", VALID);

        ImageAnalysis analysis = run(model).getProperty(ImageAnalysis.PROPERTY, ImageAnalysis.class);

        assertThat(analysis.description()).isEqualTo("A beach at noon.");
        assertThat(model.requests).hasSize(2);
        List<ChatMessage> repair = model.requests.get(1);
        assertThat(repair).hasSize(4);
        assertThat(((AiMessage) repair.get(2)).text()).isEqualTo("Sure! Here are the tags: beach, sea");
        assertThat(((UserMessage) repair.get(3)).singleText()).contains("did not match").contains("not a single JSON object");
    }

    @Test
    void aSchemaViolationIsNamedInTheRepairTurn() throws Exception {
        ScriptedModel model = new ScriptedModel("{\"tags\":[\"sea\"],\"description\":\"Sea.\",\"nsfw\":{\"score\":7}}", VALID);

        run(model);

        assertThat(((UserMessage) model.requests.get(1).get(3)).singleText()).contains("/nsfw/score: must have a maximum value of 1");
    }

    @Test
    void twoInvalidAnswersFailTheStepAsProviderUnavailable() {
        ScriptedModel model = new ScriptedModel("not json", "{\"tags\":[],\"description\":\"\"}");

        assertThatThrownBy(() -> run(model))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(StepFailure.class)
                .hasMessageContaining("did not match the schema")
                .hasMessageContaining("required property 'nsfw' not found")
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
        assertThat(model.requests).hasSize(2);
    }

    private Exchange run(ScriptedModel model) throws Exception {
        camel = new DefaultCamelContext();
        ObjectMapper json = new ObjectMapper();
        camel.addRoutes(new ImageModelRoutes(() -> model, new ImageAnalysisPrompt(), new ImageAnswerChecker(json, MODEL),
                new ImageAnswerRepairPrompt()));
        camel.start();
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(ImageEvidence.PROPERTY, new ImageEvidence(1200, 800, "JPEG image", "Aegis Optics",
                "Fixture One", null, null, TestImages.blueWithWhiteBand(64, 43), "image/jpeg"));
        Exchange result = camel.createProducerTemplate().send("direct:analyze-image-model", exchange);
        if (result.getException() != null) {
            throw new CamelExecutionException("analyze-image failed", result, result.getException());
        }
        return result;
    }

    /** Answers with the scripted texts in order and keeps a copy of every conversation it was sent. */
    static final class ScriptedModel implements ChatModel {

        final List<List<ChatMessage>> requests = new ArrayList<>();
        private final Deque<String> answers;

        ScriptedModel(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(List.copyOf(request.messages()));
            return ChatResponse.builder().aiMessage(AiMessage.from(answers.removeFirst())).build();
        }
    }
}
