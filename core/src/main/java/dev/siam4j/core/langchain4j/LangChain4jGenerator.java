package dev.siam4j.core.langchain4j;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.Siam4jException;
import dev.siam4j.core.remote.Capacity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Generator} over any LangChain4j {@link ChatModel}: OpenAI-compatible servers such as
 * vLLM or llama-server, the path to many GPUs. Each of the k samples is one chat call with its own
 * seed ({@link GenerationRequest#sampleSeed(int)}, sent as {@link SeededChatRequestParameters});
 * calls run concurrently up to a bound and retriable failures (rate limits, server errors,
 * timeouts, I/O) are retried with exponential backoff. A raw prompt is sent as one user message.
 *
 * <pre>{@code
 * try (LangChain4jGenerator generator = LangChain4jGenerator.builder(chatModel)
 *     .maxConcurrency(16)
 *     .build()) {
 *   List<Completion> samples = generator.generate(request);
 * }
 * }</pre>
 *
 * <p>{@link dev.siam4j.core.SamplingOptions#grammar()} is not passed on: chat models take no
 * grammar, so a constrained answer must be parsed from free text.
 *
 * <p>Thread-safe. Owns a thread pool: close it when done (the chat model stays the caller's).
 */
public final class LangChain4jGenerator implements Generator, Capacity, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LangChain4jGenerator.class);

  private final ChatModel model;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final BiFunction<ChatRequestParameters, Long, ChatRequestParameters> requestParameters;
  private final ExecutorService calls;
  private final int maxConcurrency;

  private LangChain4jGenerator(Builder b) {
    this.maxConcurrency = b.maxConcurrency;
    this.model = b.model;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.requestParameters = b.requestParameters;
    AtomicInteger n = new AtomicInteger();
    this.calls =
        Executors.newFixedThreadPool(
            b.maxConcurrency,
            r -> {
              Thread t = new Thread(r, "siam4j-langchain4j-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * @param model the chat model; not closed by the generator
   * @return a builder with defaults: 8 concurrent calls, 3 attempts, 500 ms initial backoff
   */
  public static Builder builder(ChatModel model) {
    return new Builder(Objects.requireNonNull(model, "model"));
  }

  /** @return the most chat calls in flight at once ({@link Builder#maxConcurrency}) */
  @Override
  public int capacity() {
    return maxConcurrency;
  }

  @Override
  public List<Completion> generate(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    return generateAll(List.of(request)).get(0);
  }

  @Override
  public List<List<Completion>> generateAll(List<GenerationRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    List<List<Future<Completion>>> futures = new ArrayList<>();
    try {
      for (GenerationRequest r : requests) {
        List<Future<Completion>> samples = new ArrayList<>();
        for (int i = 0; i < r.samples(); i++) {
          ChatRequest chat = toChatRequest(r, r.sampleSeed(i));
          samples.add(calls.submit(() -> callWithRetries(chat)));
        }
        futures.add(samples);
      }
      List<List<Completion>> out = new ArrayList<>();
      for (List<Future<Completion>> samples : futures) {
        List<Completion> cs = new ArrayList<>();
        for (Future<Completion> f : samples) {
          cs.add(f.get());
        }
        out.add(List.copyOf(cs));
      }
      return List.copyOf(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel(futures);
      throw new GenerationFailedException("interrupted while waiting for the chat model", e);
    } catch (ExecutionException | CancellationException e) {
      cancel(futures);
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof GenerationFailedException) {
        throw (GenerationFailedException) cause;
      }
      throw new GenerationFailedException("the chat model failed: " + cause.getMessage(), cause);
    }
  }

  private static void cancel(List<List<Future<Completion>>> futures) {
    futures.forEach(l -> l.forEach(f -> f.cancel(true)));
  }

  ChatRequest toChatRequest(GenerationRequest r, long seed) {
    List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
    if (r.prompt().isChat()) {
      for (ChatMessage m : r.prompt().messages()) {
        switch (m.role()) {
          case SYSTEM:
            messages.add(SystemMessage.from(m.content()));
            break;
          case USER:
            messages.add(UserMessage.from(m.content()));
            break;
          default:
            messages.add(dev.langchain4j.data.message.AiMessage.from(m.content()));
        }
      }
    } else {
      messages.add(UserMessage.from(r.prompt().text()));
    }
    SamplingOptions s = r.sampling();
    SeededChatRequestParameters.Builder p =
        SeededChatRequestParameters.seededBuilder()
            .temperature(s.temperature())
            .topP(s.topP())
            .maxOutputTokens(s.maxTokens())
            .seed(seed);
    if (s.topK() > 0) {
      p.topK(s.topK());
    }
    if (!s.stop().isEmpty()) {
      p.stopSequences(s.stop());
    }
    ChatRequestParameters parameters = requestParameters.apply(p.build(), seed);
    return ChatRequest.builder().messages(messages).parameters(parameters).build();
  }

  private Completion callWithRetries(ChatRequest request) throws InterruptedException {
    long backoff = initialBackoff.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return toCompletion(model.chat(request));
      } catch (RuntimeException e) {
        boolean retriable = isRetriable(e);
        if (!retriable || attempt >= maxAttempts) {
          throw new GenerationFailedException(
              "the chat model failed after " + attempt + (attempt == 1 ? " attempt: " : " attempts: ") + e.getMessage(),
              e,
              retriable);
        }
        LOG.warn("chat model call failed (attempt {} of {}), retrying in {} ms: {}", attempt, maxAttempts, backoff, e.toString());
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 60_000);
      }
    }
  }

  static boolean isRetriable(Throwable e) {
    if (e instanceof NonRetriableException) {
      return false;
    }
    if (e instanceof RetriableException || e instanceof UncheckedIOException) {
      return true;
    }
    if (e instanceof Siam4jException) {
      return ((Siam4jException) e).isRetriable();
    }
    if (e instanceof HttpException) {
      int code = ((HttpException) e).statusCode();
      return code == 408 || code == 429 || code >= 500;
    }
    return e.getCause() instanceof IOException;
  }

  private static Completion toCompletion(ChatResponse response) {
    String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
    Completion.FinishReason reason = Completion.FinishReason.UNKNOWN;
    if (response.finishReason() != null) {
      switch (response.finishReason()) {
        case STOP:
          reason = Completion.FinishReason.STOP;
          break;
        case LENGTH:
          reason = Completion.FinishReason.LENGTH;
          break;
        default:
          reason = Completion.FinishReason.UNKNOWN;
      }
    }
    TokenUsage usage = response.tokenUsage();
    int in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    int out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    return new Completion(text, reason, in, out);
  }

  /** Stops the generator's threads; calls in flight are interrupted. */
  @Override
  public void close() {
    calls.shutdownNow();
  }

  /** Builds a {@link LangChain4jGenerator}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final ChatModel model;
    private int maxConcurrency = 8;
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private BiFunction<ChatRequestParameters, Long, ChatRequestParameters> requestParameters = (p, seed) -> p;

    private Builder(ChatModel model) {
      this.model = model;
    }

    /**
     * @param value chat calls in flight at once, positive
     * @return this builder with the most chat calls in flight at once, positive
     */
    public Builder maxConcurrency(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("maxConcurrency must be positive, was " + value);
      }
      this.maxConcurrency = value;
      return this;
    }

    /**
     * @param value attempts per call, positive
     * @return this builder with the most attempts per call (1 = no retry), positive
     */
    public Builder maxAttempts(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("maxAttempts must be positive, was " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * @param value the first retry's wait, not negative
     * @return this builder with the wait before the first retry (doubling after), not negative
     */
    public Builder initialBackoff(Duration value) {
      Objects.requireNonNull(value, "initialBackoff");
      if (value.isNegative()) {
        throw new IllegalArgumentException("initialBackoff must not be negative, was " + value);
      }
      this.initialBackoff = value;
      return this;
    }

    /**
     * Adapts each call's parameters, for example to pass the seed in a provider's own parameters
     * class: {@code (p, seed) -> OpenAiChatRequestParameters.builder().overrideWith(p).seed(seed.intValue()).build()}.
     *
     * @param value maps (parameters with the sample's seed, that seed) to the parameters sent
     * @return this builder
     */
    public Builder requestParameters(BiFunction<ChatRequestParameters, Long, ChatRequestParameters> value) {
      this.requestParameters = Objects.requireNonNull(value, "requestParameters");
      return this;
    }

    /** @return the generator */
    public LangChain4jGenerator build() {
      return new LangChain4jGenerator(this);
    }
  }
}
