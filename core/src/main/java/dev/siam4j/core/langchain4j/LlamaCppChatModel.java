package dev.siam4j.core.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.llama.LlamaCppGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Our llama.cpp backend as a LangChain4j {@link ChatModel}, so host applications use local GGUF
 * models in LangChain4j. Messages are rendered with the model's chat template. Temperature, top-p,
 * top-k, max output tokens and stop sequences are honoured, and the seed of {@link
 * SeededChatRequestParameters} (its low 31 bits); tools and JSON response formats are not supported.
 *
 * <pre>{@code
 * ChatModel model = LlamaCppChatModel.of(LlamaCppGenerator.open(options));
 * String answer = model.chat("What is 2 + 2?");
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes the generator it wraps.
 */
public final class LlamaCppChatModel implements ChatModel, AutoCloseable {

  /** Defaults where a request sets nothing: temperature 0.7, top-p 0.95, 512 tokens, seed 0. */
  public static final SeededChatRequestParameters DEFAULTS =
      SeededChatRequestParameters.seededBuilder()
          .temperature(0.7)
          .topP(0.95)
          .topK(0)
          .maxOutputTokens(512)
          .seed(0L)
          .build();

  private final LlamaCppGenerator generator;
  private final ChatRequestParameters defaults;

  private LlamaCppChatModel(LlamaCppGenerator generator, ChatRequestParameters defaults) {
    this.generator = generator;
    this.defaults = defaults;
  }

  /**
   * @param generator the llama.cpp generator; closed with this model
   * @return a chat model with {@link #DEFAULTS}
   */
  public static LlamaCppChatModel of(LlamaCppGenerator generator) {
    return of(generator, DEFAULTS);
  }

  /**
   * @param generator the llama.cpp generator; closed with this model
   * @param defaults parameters for what requests leave unset, over {@link #DEFAULTS}
   * @return a chat model
   */
  public static LlamaCppChatModel of(LlamaCppGenerator generator, ChatRequestParameters defaults) {
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(defaults, "defaults");
    return new LlamaCppChatModel(generator, DEFAULTS.overrideWith(defaults));
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return defaults;
  }

  @Override
  public ModelProvider provider() {
    return ModelProvider.OTHER;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    ChatRequestParameters p = defaults.overrideWith(request.parameters());
    if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
      throw new UnsupportedFeatureException("LlamaCppChatModel does not support tools");
    }
    if (p.responseFormat() != null && p.responseFormat().type() == ResponseFormatType.JSON) {
      throw new UnsupportedFeatureException("LlamaCppChatModel does not support JSON response formats");
    }
    SamplingOptions sampling =
        new SamplingOptions(
            orElse(p.temperature(), 0.7),
            orElse(p.topP(), 1.0),
            orElse(p.topK(), 0),
            orElse(p.maxOutputTokens(), 512),
            p.stopSequences() == null ? List.of() : p.stopSequences());
    long seed =
        p instanceof SeededChatRequestParameters && ((SeededChatRequestParameters) p).seed() != null
            ? ((SeededChatRequestParameters) p).seed() & Integer.MAX_VALUE
            : 0L;
    Completion c = generator.complete(toPrompt(request.messages()), sampling, seed);
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(c.text()))
        .modelName(generator.options().model().getFileName().toString())
        .tokenUsage(new TokenUsage(c.promptTokens(), c.completionTokens()))
        .finishReason(c.finishReason() == Completion.FinishReason.LENGTH ? FinishReason.LENGTH : FinishReason.STOP)
        .build();
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  static Prompt toPrompt(List<dev.langchain4j.data.message.ChatMessage> messages) {
    List<ChatMessage> out = new ArrayList<>(messages.size());
    for (dev.langchain4j.data.message.ChatMessage m : messages) {
      if (m instanceof SystemMessage) {
        out.add(ChatMessage.system(((SystemMessage) m).text()));
      } else if (m instanceof UserMessage) {
        UserMessage u = (UserMessage) m;
        if (!u.hasSingleText()) {
          throw new UnsupportedFeatureException("LlamaCppChatModel takes text-only user messages");
        }
        out.add(ChatMessage.user(u.singleText()));
      } else if (m instanceof AiMessage) {
        AiMessage a = (AiMessage) m;
        if (a.hasToolExecutionRequests()) {
          throw new UnsupportedFeatureException("LlamaCppChatModel does not support tools");
        }
        out.add(ChatMessage.assistant(a.text() == null ? "" : a.text()));
      } else {
        throw new UnsupportedFeatureException(
            "LlamaCppChatModel does not support " + m.type() + " messages");
      }
    }
    return Prompt.chat(out);
  }

  /** Closes the wrapped generator handle. */
  @Override
  public void close() {
    generator.close();
  }
}
