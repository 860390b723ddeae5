package dev.siam4j.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.llama.LlamaCppGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible {@code POST /v1/chat/completions} server on 127.0.0.1, backed by a real
 * llama.cpp model, for tests of remote generation. It can be told to answer an HTTP error for its
 * next requests ({@link #refuse}) and to die, abruptly, mid-run ({@link #killAfter}, {@link #kill}):
 * the request that kills it gets no answer, and every later connection is refused.
 *
 * <p>Choice i of a request with {@code n > 1} and seed s is sampled with
 * {@code new GenerationRequest(.., n, .., s).sampleSeed(i)}; with {@code n = 1}, with s itself. So,
 * for base seeds below 2^31, a request per sample and one request for all samples give the same
 * samples.
 *
 * <p>Thread-safe. Close it (or kill it) when done; the model is not closed.
 */
public final class OpenAiTestServer implements AutoCloseable {
  private final LlamaCppGenerator model;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final Object lock = new Object();
  private final List<Long> seeds = new ArrayList<>();
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger held = new AtomicInteger();
  private final java.util.ArrayDeque<Integer> refusals = new java.util.ArrayDeque<>();
  private int killAt = Integer.MAX_VALUE;
  private volatile boolean dead;
  private volatile boolean ignoreN;
  private volatile long latencyMillis;
  private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

  private OpenAiTestServer(LlamaCppGenerator model) throws IOException {
    this.model = model;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.handlers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "openai-test-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(handlers);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  /**
   * @param model the llama.cpp model that answers; stays the caller's
   * @return a running server
   */
  public static OpenAiTestServer start(LlamaCppGenerator model) {
    Objects.requireNonNull(model, "model");
    try {
      return new OpenAiTestServer(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return a running server on the JVM's shared test model ({@link TestLlamaModel}) */
  public static OpenAiTestServer start() {
    return start(TestLlamaModel.generator());
  }

  /** @return the OpenAI base URL, {@code http://127.0.0.1:PORT/v1} */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  /**
   * Answers {@code count} requests with {@code status} and an error body, after the refusals
   * asked for before (so {@code refuse(429, 2); refuse(503, 2)} answers 429, 429, 503, 503).
   *
   * @param status an HTTP status such as 429 or 503
   * @param count how many requests
   */
  public void refuse(int status, int count) {
    synchronized (lock) {
      for (int i = 0; i < count; i++) {
        refusals.addLast(status);
      }
    }
  }

  /**
   * Dies when request number {@code requests + 1} arrives: that request is cut off unanswered, the
   * listening socket closes, and later connections are refused.
   *
   * @param requests how many requests it receives before dying
   */
  public void killAfter(int requests) {
    synchronized (lock) {
      killAt = requests + 1;
    }
  }

  /** @param value how long each answer is held back, as a loaded server's would be (default none) */
  public void latency(java.time.Duration value) {
    latencyMillis = value.toMillis();
  }

  /** Holds every request it receives from now on, unanswered, until {@link #release()}: a stalled server. */
  public void hold() {
    gate = new java.util.concurrent.CountDownLatch(1);
  }

  /** Lets the held requests, and later ones, through. */
  public void release() {
    gate.countDown();
  }

  /** @return requests held now */
  public int held() {
    return held.get();
  }

  /** Answers one choice whatever {@code n} asks, as servers without {@code n} support do. */
  public void ignoreN() {
    ignoreN = true;
  }

  /** Dies now: the listening socket and every open connection close. */
  public void kill() {
    dead = true;
    server.stop(0);
  }

  /** @return whether it has died */
  public boolean isDead() {
    return dead;
  }

  /** @return requests received, including refused and cut-off ones */
  public int received() {
    return received.get();
  }

  /** @return requests answered with completions (counted as the answer is written) */
  public int answered() {
    return answered.get();
  }

  /** @return the seed of each request answered with completions, in order of arrival */
  public List<Long> seeds() {
    synchronized (lock) {
      return List.copyOf(seeds);
    }
  }

  /** Stops the server (as {@link #kill()} does). */
  @Override
  public void close() {
    kill();
    handlers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int number = received.incrementAndGet();
      int refuse = 0;
      synchronized (lock) {
        if (number >= killAt) {
          dead = true;
        } else if (!refusals.isEmpty()) {
          refuse = refusals.removeFirst();
        }
      }
      if (dead) {
        // Closes every connection, this one included, without an answer: the client sees a reset.
        new Thread(() -> server.stop(0)).start();
        return;
      }
      if (refuse != 0) {
        send(exchange, refuse, "{\"error\":{\"message\":\"refused for the test\",\"code\":" + refuse + "}}");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "{\"error\":{\"message\":\"POST only\"}}");
        return;
      }
      JsonNode req;
      try {
        req = Json.mapper().readTree(exchange.getRequestBody());
      } catch (IOException e) {
        send(exchange, 400, "{\"error\":{\"message\":\"not JSON\"}}");
        return;
      }
      long seed = req.path("seed").asLong(0);
      held.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        held.decrementAndGet();
      }
      if (latencyMillis > 0) {
        try {
          Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      ObjectNode answer;
      try {
        answer = answer(req);
      } catch (RuntimeException e) {
        send(exchange, 500, Json.toLine(Json.mapper().createObjectNode().set("error",
            Json.mapper().createObjectNode().put("message", String.valueOf(e.getMessage())))));
        return;
      }
      // Counted before the reply is written, so a caller that has its reply sees the count.
      synchronized (lock) {
        seeds.add(seed);
      }
      answered.incrementAndGet();
      send(exchange, 200, Json.toLine(answer));
    }
  }

  private ObjectNode answer(JsonNode req) {
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode m : req.path("messages")) {
      String content = m.path("content").asText("");
      switch (m.path("role").asText("user").toLowerCase(Locale.ROOT)) {
        case "system" -> messages.add(ChatMessage.system(content));
        case "assistant" -> messages.add(ChatMessage.assistant(content));
        default -> messages.add(ChatMessage.user(content));
      }
    }
    List<String> stop = new ArrayList<>();
    req.path("stop").forEach(s -> stop.add(s.asText()));
    SamplingOptions sampling = new SamplingOptions(
        req.path("temperature").asDouble(1.0), req.path("top_p").asDouble(1.0), req.path("top_k").asInt(0),
        req.path("max_tokens").asInt(64), stop);
    Prompt prompt = Prompt.chat(messages);
    int n = ignoreN ? 1 : req.path("n").asInt(1);
    long seed = req.path("seed").asLong(0);
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("id", "chatcmpl-test");
    out.put("object", "chat.completion");
    out.put("model", req.path("model").asText(""));
    ArrayNode choices = out.putArray("choices");
    int promptTokens = 0;
    int completionTokens = 0;
    GenerationRequest derive = new GenerationRequest(prompt, n, sampling, seed);
    for (int i = 0; i < n; i++) {
      Completion c = model.complete(prompt, sampling, n == 1 ? seed : derive.sampleSeed(i));
      ObjectNode choice = choices.addObject();
      choice.put("index", i);
      choice.putObject("message").put("role", "assistant").put("content", c.text());
      choice.put("finish_reason", c.finishReason() == Completion.FinishReason.LENGTH ? "length" : "stop");
      promptTokens = c.promptTokens();
      completionTokens += c.completionTokens();
    }
    out.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    return out;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(bytes);
    }
  }
}
