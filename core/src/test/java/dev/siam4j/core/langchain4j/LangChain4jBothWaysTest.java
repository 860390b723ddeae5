package dev.siam4j.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LangChain4jGenerator} tested with {@link LlamaCppChatModel} on real llama.cpp. */
final class LangChain4jBothWaysTest {
  @TempDir static Path dir;
  private static LlamaCppGenerator llama;
  private static LlamaCppChatModel chatModel;

  @BeforeAll
  static void open() {
    Path model = LlamaModelFactory.writeRandom(LlamaModelSpec.tiny(), 42, dir.resolve("tiny.gguf"));
    llama = LlamaCppGenerator.open(LlamaCppOptions.builder(model).contextSize(1024).parallelSlots(4).threads(1).build());
    chatModel = LlamaCppChatModel.of(llama);
  }

  @AfterAll
  static void close() {
    chatModel.close();
  }

  @Test
  void llamaCppServesLangChain4jChatCalls() {
    ChatResponse r =
        chatModel.chat(
            ChatRequest.builder()
                .messages(UserMessage.from("Hi"))
                .parameters(ChatRequestParameters.builder().maxOutputTokens(6).temperature(0.0).build())
                .build());

    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.tokenUsage().outputTokenCount()).isEqualTo(6);
    assertThat(r.tokenUsage().inputTokenCount()).isPositive();
    assertThat(r.modelName()).isEqualTo("tiny.gguf");
    assertThat(chatModel.chat("Hi")).isNotNull();
  }

  @Test
  void toolsAreRefused() {
    ChatRequest withTool =
        ChatRequest.builder()
            .messages(UserMessage.from("Hi"))
            .toolSpecifications(ToolSpecification.builder().name("calc").build())
            .build();
    assertThatThrownBy(() -> chatModel.chat(withTool))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage("LlamaCppChatModel does not support tools");
  }

  @Test
  void theGeneratorOverTheChatModelSamplesExactlyWhatLlamaCppDoesDirectly() {
    Prompt prompt = Prompt.chat(ChatMessage.system("Solve it."), ChatMessage.user("2 + 2"));
    GenerationRequest request =
        new GenerationRequest(prompt, 3, new SamplingOptions(0.9, 0.95, 0, 10, List.of()), 7);

    List<Completion> direct = llama.generate(request);
    try (LangChain4jGenerator generator = LangChain4jGenerator.builder(chatModel).maxConcurrency(3).build()) {
      List<Completion> viaLangChain4j = generator.generate(request);
      List<Completion> again = generator.generate(request);

      assertThat(texts(viaLangChain4j)).isEqualTo(texts(direct));
      assertThat(texts(again)).isEqualTo(texts(direct));
      assertThat(viaLangChain4j.get(0).promptTokens()).isEqualTo(direct.get(0).promptTokens());
      assertThat(viaLangChain4j.get(0).finishReason()).isEqualTo(direct.get(0).finishReason());
    }
  }

  private static List<String> texts(List<Completion> cs) {
    return cs.stream().map(Completion::text).collect(Collectors.toList());
  }

  @Test
  void seedsSurviveMergingWithDefaults() {
    ChatRequestParameters merged =
        chatModel.defaultRequestParameters().overrideWith(
            SeededChatRequestParameters.withSeed(ChatRequestParameters.builder().temperature(0.1).build(), 99));
    assertThat(merged).isInstanceOf(SeededChatRequestParameters.class);
    assertThat(((SeededChatRequestParameters) merged).seed()).isEqualTo(99L);
    assertThat(merged.temperature()).isEqualTo(0.1);
    assertThat(merged.maxOutputTokens()).isEqualTo(512);
  }

  static ChatModel answering(String text) {
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder().aiMessage(dev.langchain4j.data.message.AiMessage.from(text)).build();
      }
    };
  }
}
