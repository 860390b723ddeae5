package dev.siam4j.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Composition: retries, bounded concurrency and mapping, with scripted chat models. */
final class LangChain4jGeneratorTest {
  private static final GenerationRequest REQUEST =
      new GenerationRequest(Prompt.raw("1+1"), 1, SamplingOptions.DEFAULT.withStop(List.of("\n")), 5);

  private static ChatModel scripted(AtomicInteger calls, int failures, RuntimeException failure) {
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        if (calls.incrementAndGet() <= failures) {
          throw failure;
        }
        return ChatResponse.builder()
            .aiMessage(AiMessage.from("2"))
            .finishReason(FinishReason.STOP)
            .tokenUsage(new TokenUsage(3, 1))
            .build();
      }
    };
  }

  private static LangChain4jGenerator generator(ChatModel model) {
    return LangChain4jGenerator.builder(model).initialBackoff(Duration.ZERO).build();
  }

  @Test
  void retriableFailuresAreRetried() {
    AtomicInteger calls = new AtomicInteger();
    try (LangChain4jGenerator g = generator(scripted(calls, 2, new RateLimitException("slow down")))) {
      assertThat(g.generate(REQUEST)).containsExactly(new Completion("2", Completion.FinishReason.STOP, 3, 1));
    }
    assertThat(calls).hasValue(3);
  }

  @Test
  void nonRetriableFailuresFailAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    try (LangChain4jGenerator g = generator(scripted(calls, 5, new AuthenticationException("bad key")))) {
      assertThatThrownBy(() -> g.generate(REQUEST))
          .isInstanceOf(GenerationFailedException.class)
          .hasMessage("the chat model failed after 1 attempt: bad key")
          .matches(e -> !((GenerationFailedException) e).isRetriable());
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void exhaustedRetriesFailAsRetriable() {
    AtomicInteger calls = new AtomicInteger();
    try (LangChain4jGenerator g = generator(scripted(calls, 9, new HttpException(503, "busy")))) {
      assertThatThrownBy(() -> g.generate(REQUEST))
          .isInstanceOf(GenerationFailedException.class)
          .hasMessage("the chat model failed after 3 attempts: busy")
          .matches(e -> ((GenerationFailedException) e).isRetriable());
    }
    assertThat(calls).hasValue(3);
  }

  @Test
  void concurrencyIsBoundedAndSeedsDifferPerSample() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    Set<Long> seeds = ConcurrentHashMap.newKeySet();
    ChatModel slow =
        new ChatModel() {
          @Override
          public ChatRequestParameters defaultRequestParameters() {
            // LangChain4j merges a request into the model's defaults: seeded defaults keep the seed.
            return SeededChatRequestParameters.seededBuilder().build();
          }

          @Override
          public ChatResponse doChat(ChatRequest request) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            seeds.add(((SeededChatRequestParameters) request.parameters()).seed());
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return ChatResponse.builder().aiMessage(AiMessage.from("x")).build();
          }
        };
    GenerationRequest eight = new GenerationRequest(Prompt.raw("q"), 8, SamplingOptions.DEFAULT, 1);
    try (LangChain4jGenerator g = LangChain4jGenerator.builder(slow).maxConcurrency(2).build()) {
      assertThat(g.capacity()).isEqualTo(2);
      List<Completion> cs = g.generate(eight);
      assertThat(cs).hasSize(8).allMatch(c -> c.finishReason() == Completion.FinishReason.UNKNOWN);
    }
    assertThat(maxInFlight.get()).isBetween(1, 2);
    assertThat(seeds).hasSize(8).contains(eight.sampleSeed(0), eight.sampleSeed(7));
  }

  @Test
  void requestCarriesSamplingOptions() {
    try (LangChain4jGenerator g = generator(LangChain4jBothWaysTest.answering("x"))) {
      ChatRequest r = g.toChatRequest(REQUEST, 42);
      assertThat(r.temperature()).isEqualTo(0.7);
      assertThat(r.topP()).isEqualTo(0.95);
      assertThat(r.topK()).isNull();
      assertThat(r.maxOutputTokens()).isEqualTo(512);
      assertThat(r.stopSequences()).containsExactly("\n");
      assertThat(((SeededChatRequestParameters) r.parameters()).seed()).isEqualTo(42L);
    }
  }

  @Test
  void builderValidates() {
    assertThatThrownBy(() -> LangChain4jGenerator.builder(LangChain4jBothWaysTest.answering("x")).maxConcurrency(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConcurrency must be positive, was 0");
  }
}
