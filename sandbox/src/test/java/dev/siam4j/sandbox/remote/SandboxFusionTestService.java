package dev.siam4j.sandbox.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SandboxFusion-compatible {@code POST /run_code} service on 127.0.0.1 that runs each program for
 * real in the {@link CodeExecutor} it is given, for tests of remote execution. It can be told to
 * answer an HTTP error for some requests ({@link #refuse}) and to die abruptly mid-run
 * ({@link #killAfter}): the request that kills it gets no answer, later connections are refused.
 *
 * <p>Thread-safe. Close it when done; the executor stays the caller's.
 */
final class SandboxFusionTestService implements AutoCloseable {
  private final CodeExecutor python;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final Object lock = new Object();
  private final ArrayDeque<Integer> refusals = new ArrayDeque<>();
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private int killAt = Integer.MAX_VALUE;
  private volatile boolean dead;

  private SandboxFusionTestService(CodeExecutor python) throws IOException {
    this.python = python;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.handlers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sandboxfusion-test-service");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(handlers);
    server.createContext("/run_code", this::handle);
    server.start();
  }

  /** @return a running service that runs programs in {@code python} */
  static SandboxFusionTestService start(CodeExecutor python) {
    Objects.requireNonNull(python, "python");
    try {
      return new SandboxFusionTestService(python);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the base URI, {@code http://127.0.0.1:PORT/} */
  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Answers {@code count} requests with {@code status}, after the refusals asked for before. */
  void refuse(int status, int count) {
    synchronized (lock) {
      for (int i = 0; i < count; i++) {
        refusals.addLast(status);
      }
    }
  }

  /** Dies when request number {@code requests + 1} arrives, leaving it unanswered. */
  void killAfter(int requests) {
    synchronized (lock) {
      killAt = requests + 1;
    }
  }

  boolean isDead() {
    return dead;
  }

  int received() {
    return received.get();
  }

  /** @return requests answered with a run result (counted as the answer is written) */
  int answered() {
    return answered.get();
  }

  @Override
  public void close() {
    dead = true;
    server.stop(0);
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
        new Thread(() -> server.stop(0)).start();
        return;
      }
      if (refuse != 0) {
        send(exchange, refuse, "{\"detail\":\"refused for the test\"}");
        return;
      }
      JsonNode req = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
      String reply = Json.toLine(reply(python.execute(req.path("code").asText())));
      answered.incrementAndGet(); // before writing, so a caller that has its reply sees the count
      send(exchange, 200, reply);
    }
  }

  /**
   * @param e an execution of the program a request carried
   * @return SandboxFusion's {@code /run_code} answer for it
   */
  static ObjectNode reply(Execution e) {
    ObjectNode run = Json.mapper().createObjectNode();
    run.put("status", e.outcome() == Outcome.TIMEOUT ? "TimeLimitExceeded" : "Finished");
    run.put("execution_time", e.elapsed().toNanos() / 1e9);
    if (e.exitCode() >= 0) {
      run.put("return_code", e.exitCode());
    } else {
      run.putNull("return_code");
    }
    run.put("stdout", e.stdout());
    run.put("stderr", e.stderr());
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("status", e.outcome() == Outcome.OK ? "Success" : "Failed");
    body.put("message", "");
    body.putNull("compile_result");
    body.set("run_result", run);
    body.putObject("files");
    return body;
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
