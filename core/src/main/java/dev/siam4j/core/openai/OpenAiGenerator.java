package dev.siam4j.core.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.Siam4jException;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.remote.Capacity;
import dev.siam4j.core.remote.Endpoint;
import dev.siam4j.core.remote.EndpointFailure;
import dev.siam4j.core.remote.EndpointPool;
import dev.siam4j.core.remote.EndpointStats;
import dev.siam4j.core.remote.RemotePolicy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Generator} over one or more OpenAI-compatible servers ({@code POST {base}/chat/completions}):
 * vLLM, SGLang, llama-server or a hosted API, the path to many GPUs. Requests are balanced over the
 * endpoints by fewest outstanding requests within each endpoint's in-flight limit, retried on
 * another endpoint after connection failures, timeouts, HTTP 408, 429 and 5xx, and an endpoint that
 * keeps failing is set aside and probed back later (see {@link EndpointPool}). A call fails only
 * when every endpoint is down, with a {@link GenerationFailedException} naming each one.
 *
 * <p>Seeds: sample i of a request is always asked with the same seed, whichever endpoint serves it:
 * its own {@link GenerationRequest#sampleSeed(int)} with {@link SampleRequests#ONE_PER_SAMPLE}
 * (the default), or the request's seed (its low 31 bits) and {@code n = k} with
 * {@link SampleRequests#ONE_PER_PROMPT}.
 * A raw prompt is sent as one user message; {@link SamplingOptions#topK()} is sent as
 * {@code top_k} when positive (a vLLM, SGLang and llama-server extension); a grammar is not sent.
 *
 * <pre>{@code
 * try (OpenAiGenerator generator = OpenAiGenerator.builder()
 *     .endpoint(Endpoint.of("http://gpu-1:8000/v1", 64))
 *     .endpoint(Endpoint.of("http://gpu-2:8000/v1", 64))
 *     .model("deepseek-math-7b")
 *     .build()) {
 *   List<Completion> samples = generator.generate(request);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Owns a thread pool of {@link #capacity()} threads: whoever builds it closes it.
 */
public final class OpenAiGenerator implements Generator, Capacity, AutoCloseable {
  private final EndpointPool pool;
  private final String model;
  private final SampleRequests sampleRequests;
  private final Duration requestTimeout;
  private final HttpClient client;
  private final ExecutorService calls;

  private OpenAiGenerator(Builder b) {
    this.pool = EndpointPool.of("model server", b.endpoints, b.policy);
    this.model = b.model;
    this.sampleRequests = b.sampleRequests;
    this.requestTimeout = b.requestTimeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(b.connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    AtomicInteger n = new AtomicInteger();
    this.calls = Executors.newFixedThreadPool(Math.min(pool.capacity(), 4096), r -> {
      Thread t = new Thread(r, "siam4j-openai-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** @return a builder; at least one endpoint and the model name are required */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the sum of the endpoints' in-flight limits: the most requests sent at once */
  @Override
  public int capacity() {
    return pool.capacity();
  }

  /** @return the endpoints, in the order given */
  public List<Endpoint> endpoints() {
    return pool.endpoints();
  }

  /** @return each endpoint's request counts and state now */
  public List<EndpointStats> stats() {
    return pool.stats();
  }

  /** @return the model name sent with each request */
  public String model() {
    return model;
  }

  @Override
  public List<Completion> generate(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    return generateAll(List.of(request)).get(0);
  }

  /** Sends every request's samples at once, up to {@link #capacity()} in flight. */
  @Override
  public List<List<Completion>> generateAll(List<GenerationRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    List<List<Future<List<Completion>>>> futures = new ArrayList<>();
    try {
      for (GenerationRequest r : requests) {
        Objects.requireNonNull(r, "request");
        List<Future<List<Completion>>> parts = new ArrayList<>();
        if (sampleRequests == SampleRequests.ONE_PER_PROMPT || r.samples() == 1) {
          long seed = r.samples() == 1 ? r.sampleSeed(0) : r.seed() & 0x7FFF_FFFFL;
          parts.add(calls.submit(() -> post(r, seed, r.samples())));
        } else {
          for (int i = 0; i < r.samples(); i++) {
            long seed = r.sampleSeed(i);
            parts.add(calls.submit(() -> post(r, seed, 1)));
          }
        }
        futures.add(parts);
      }
      List<List<Completion>> out = new ArrayList<>(requests.size());
      for (List<Future<List<Completion>>> parts : futures) {
        List<Completion> samples = new ArrayList<>();
        for (Future<List<Completion>> f : parts) {
          samples.addAll(f.get());
        }
        out.add(List.copyOf(samples));
      }
      return List.copyOf(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel(futures);
      throw new GenerationFailedException("interrupted while waiting for the model servers", e);
    } catch (ExecutionException | CancellationException e) {
      cancel(futures);
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof GenerationFailedException g) {
        throw g;
      }
      boolean retriable = cause instanceof Siam4jException s && s.isRetriable();
      throw new GenerationFailedException("model " + model + ": " + cause.getMessage(), cause, retriable);
    }
  }

  private static void cancel(List<List<Future<List<Completion>>>> futures) {
    futures.forEach(l -> l.forEach(f -> f.cancel(true)));
  }

  private List<Completion> post(GenerationRequest r, long seed, int n) {
    String body = Json.toLine(body(r, seed, n));
    return pool.call(endpoint -> {
      HttpRequest.Builder h = HttpRequest.newBuilder(endpoint.resolve("chat/completions"))
          .timeout(requestTimeout)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      endpoint.apiKey().ifPresent(k -> h.header("Authorization", "Bearer " + k));
      HttpResponse<String> reply = client.send(h.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (reply.statusCode() != 200) {
        throw EndpointFailure.httpStatus(reply.statusCode(), reply.body());
      }
      return completions(endpoint, reply.body(), n);
    });
  }

  ObjectNode body(GenerationRequest r, long seed, int n) {
    ObjectNode b = Json.mapper().createObjectNode();
    b.put("model", model);
    ArrayNode messages = b.putArray("messages");
    if (r.prompt().isChat()) {
      for (ChatMessage m : r.prompt().messages()) {
        messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.content());
      }
    } else {
      messages.addObject().put("role", "user").put("content", r.prompt().text());
    }
    SamplingOptions s = r.sampling();
    b.put("temperature", s.temperature());
    b.put("top_p", s.topP());
    if (s.topK() > 0) {
      b.put("top_k", s.topK());
    }
    b.put("max_tokens", s.maxTokens());
    if (!s.stop().isEmpty()) {
      ArrayNode stop = b.putArray("stop");
      s.stop().forEach(stop::add);
    }
    b.put("seed", seed);
    if (n > 1) {
      b.put("n", n);
    }
    return b;
  }

  private List<Completion> completions(Endpoint endpoint, String body, int n) throws IOException {
    JsonNode reply;
    try {
      reply = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw EndpointFailure.of("not JSON from " + endpoint.baseUri() + ": " + e.getMessage(), true);
    }
    JsonNode choices = reply.path("choices");
    if (!choices.isArray() || choices.size() != n) {
      throw EndpointFailure.of(
          endpoint.baseUri() + " answered " + (choices.isArray() ? choices.size() : 0) + " choices where "
              + n + " were asked" + (n > 1 ? "; the server does not support n > 1: use SampleRequests.ONE_PER_SAMPLE" : ""),
          false);
    }
    Completion[] out = new Completion[n];
    JsonNode usage = reply.path("usage");
    int promptTokens = usage.path("prompt_tokens").asInt(0);
    int completionTokens = n == 1 ? usage.path("completion_tokens").asInt(0) : 0;
    for (int i = 0; i < n; i++) {
      JsonNode c = choices.get(i);
      int index = c.path("index").asInt(i);
      if (index < 0 || index >= n || out[index] != null) {
        throw EndpointFailure.of(endpoint.baseUri() + " answered choice index " + index + " twice or out of range", false);
      }
      String text = c.path("message").path("content").asText("");
      out[index] = new Completion(text, finishReason(c.path("finish_reason").asText("")),
          Math.max(0, promptTokens), Math.max(0, completionTokens));
    }
    return List.of(out);
  }

  private static Completion.FinishReason finishReason(String s) {
    return switch (s) {
      case "stop" -> Completion.FinishReason.STOP;
      case "length" -> Completion.FinishReason.LENGTH;
      default -> Completion.FinishReason.UNKNOWN;
    };
  }

  /** Stops the generator's threads; requests in flight are interrupted. */
  @Override
  public void close() {
    calls.shutdownNow();
  }

  @Override
  public String toString() {
    return "OpenAiGenerator[" + model + " on " + pool.endpoints() + "]";
  }

  /** Configures an {@link OpenAiGenerator}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final List<Endpoint> endpoints = new ArrayList<>();
    private String model;
    private SampleRequests sampleRequests;
    private Duration requestTimeout;
    private Duration connectTimeout;
    private RemotePolicy policy;

    private Builder() {}

    private static void once(Object old, String name) {
      if (old != null) {
        throw new IllegalStateException(name + " was already set to " + old);
      }
    }

    /**
     * Adds a server.
     *
     * @param value the endpoint: its OpenAI base URL ({@code http://host:8000/v1}), in-flight limit and API key
     * @return this builder
     * @throws IllegalArgumentException when the same base URL was added before
     */
    public Builder endpoint(Endpoint value) {
      Objects.requireNonNull(value, "endpoint");
      for (Endpoint e : endpoints) {
        if (e.baseUri().equals(value.baseUri())) {
          throw new IllegalArgumentException("endpoint " + value.baseUri() + " was already added");
        }
      }
      endpoints.add(value);
      return this;
    }

    /**
     * @param values the endpoints, not null, each as for {@link #endpoint(Endpoint)}
     * @return this builder with every endpoint of {@code values} added, in order
     */
    public Builder endpoints(List<Endpoint> values) {
      Objects.requireNonNull(values, "endpoints").forEach(this::endpoint);
      return this;
    }

    /**
     * @param value the model name the servers serve (required), sent as {@code model}
     * @return this builder
     */
    public Builder model(String value) {
      Objects.requireNonNull(value, "model");
      if (value.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      once(model, "model");
      model = value;
      return this;
    }

    /**
     * @param value how the k samples are requested (default {@link SampleRequests#ONE_PER_SAMPLE})
     * @return this builder
     */
    public Builder sampleRequests(SampleRequests value) {
      Objects.requireNonNull(value, "sampleRequests");
      once(sampleRequests, "sampleRequests");
      sampleRequests = value;
      return this;
    }

    /**
     * @param value how long one request may take before it is retried elsewhere (default 10 min)
     * @return this builder
     */
    public Builder requestTimeout(Duration value) {
      positive(value, "requestTimeout");
      once(requestTimeout, "requestTimeout");
      requestTimeout = value;
      return this;
    }

    /**
     * @param value how long connecting may take (default 10 s)
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      positive(value, "connectTimeout");
      once(connectTimeout, "connectTimeout");
      connectTimeout = value;
      return this;
    }

    /**
     * @param value retry and failover settings (default {@link RemotePolicy#DEFAULT})
     * @return this builder
     */
    public Builder policy(RemotePolicy value) {
      Objects.requireNonNull(value, "policy");
      once(policy, "policy");
      policy = value;
      return this;
    }

    /**
     * @return the generator, which the caller closes; the builder stays usable
     * @throws IllegalStateException when no endpoint or no model was set
     */
    public OpenAiGenerator build() {
      if (endpoints.isEmpty()) {
        throw new IllegalStateException("at least one endpoint is required");
      }
      if (model == null) {
        throw new IllegalStateException("model is required");
      }
      Builder b = new Builder();
      b.endpoints.addAll(endpoints);
      b.model = model;
      b.sampleRequests = sampleRequests != null ? sampleRequests : SampleRequests.ONE_PER_SAMPLE;
      b.requestTimeout = requestTimeout != null ? requestTimeout : Duration.ofMinutes(10);
      b.connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(10);
      b.policy = policy != null ? policy : RemotePolicy.DEFAULT;
      return new OpenAiGenerator(b);
    }

    private static void positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
    }
  }
}
