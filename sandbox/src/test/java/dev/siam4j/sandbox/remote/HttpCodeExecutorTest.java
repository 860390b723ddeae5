package dev.siam4j.sandbox.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.ProgramError;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.sandbox.PythonSandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HttpCodeExecutor against a SandboxFusion-compatible server on loopback. The happy path runs the
 * programs for real (the server executes them in a PythonSandbox); failure paths use canned replies.
 */
final class HttpCodeExecutorTest {
  private static PythonSandbox python;
  private HttpServer server;
  private final Queue<JsonNode> requests = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void startPython() {
    python = PythonSandbox.builder().workers(1).preload(List.of("math")).build();
  }

  @AfterAll
  static void stopPython() {
    python.close();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A SandboxFusion run_code endpoint whose reply for each request comes from {@code reply}. */
  private URI serve(Function<JsonNode, Reply> reply) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/run_code", exchange -> {
      JsonNode req = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
      requests.add(req);
      Reply r = reply.apply(req);
      if (r.delayMillis > 0) {
        sleep(r.delayMillis);
      }
      send(exchange, r.code, r.body);
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private record Reply(int code, String body, long delayMillis) {}

  /** What SandboxFusion answers, computed by running the program for real. */
  private static Reply runForReal(JsonNode req) {
    return new Reply(200, Json.toLine(SandboxFusionTestService.reply(python.execute(req.path("code").asText()))), 0);
  }

  @Test
  void runsProgramsThroughTheRunCodeApi() throws Exception {
    URI base = serve(HttpCodeExecutorTest::runForReal);
    try (HttpCodeExecutor http = HttpCodeExecutor.builder().baseUri(base)
        .runTimeout(Duration.ofSeconds(5)).memoryLimitMb(512).build()) {
      Execution ok = http.execute("print(6 * 7)");
      assertThat(ok.outcome()).isEqualTo(Outcome.OK);
      assertThat(ok.answer()).isEqualTo("42");
      JsonNode sent = requests.peek();
      assertThat(sent.path("code").asText()).isEqualTo("print(6 * 7)");
      assertThat(sent.path("language").asText()).isEqualTo("python");
      assertThat(sent.path("run_timeout").asDouble()).isEqualTo(5.0);
      assertThat(sent.path("memory_limit_MB").asInt()).isEqualTo(512);

      Execution error = http.execute("def f():\n    return 1 / 0\nf()\n");
      assertThat(error.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(error.exitCode()).isEqualTo(1);
      assertThat(error.error()).contains(new ProgramError("ZeroDivisionError", "division by zero", 2));

      List<Execution> all = http.executeAll(List.of("print(1)", "print(2)", "import sys\nsys.exit(3)"));
      assertThat(all).extracting(Execution::answer).containsExactly("1", "2", "");
      assertThat(all.get(2).exitCode()).isEqualTo(3);
    }
  }

  @Test
  void serverErrorsAndSandboxErrors_areRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    URI base = serve(req -> switch (calls.incrementAndGet()) {
      case 1 -> new Reply(503, "busy", 0);
      case 2 -> new Reply(200, "{\"status\":\"SandboxError\",\"message\":\"no worker\"}", 0);
      default -> runForReal(req);
    });
    try (HttpCodeExecutor http = HttpCodeExecutor.builder().baseUri(base)
        .backoff(Duration.ofMillis(1)).retries(2).build()) {
      assertThat(http.execute("print('third time')").answer()).isEqualTo("third time");
      assertThat(calls.get()).isEqualTo(3);
    }
  }

  @Test
  void exhaustedRetries_areASandboxFailure() throws Exception {
    URI base = serve(req -> new Reply(500, "down", 0));
    try (HttpCodeExecutor http = HttpCodeExecutor.builder().baseUri(base)
        .backoff(Duration.ZERO).retries(1).build()) {
      Execution e = http.execute("print(1)");
      assertThat(e.outcome()).isEqualTo(Outcome.SANDBOX_FAILURE);
      assertThat(e.stderr()).isEqualTo("sandbox: gave up after 2 attempts; " + base
          + " is up (2 failures in a row, last: HTTP 500 from " + base + "run_code: down)");
      assertThat(requests).hasSize(2);
    }
  }

  @Test
  void slowServer_hitsTheRequestTimeout() throws Exception {
    URI base = serve(req -> new Reply(200, "{}", 3_000));
    try (HttpCodeExecutor http = HttpCodeExecutor.builder().baseUri(base)
        .requestTimeout(Duration.ofMillis(300)).retries(0).build()) {
      Execution e = http.execute("print(1)");
      assertThat(e.outcome()).isEqualTo(Outcome.SANDBOX_FAILURE);
      // also when the deadline falls while connecting, as under load
      assertThat(e.stderr()).contains("last: timed out");
    }
  }

  @Test
  void timeLimitAndMemoryErrors_mapToTheirOutcomes() throws Exception {
    URI base = serve(req -> new Reply(200, req.path("code").asText().contains("loop")
        ? "{\"status\":\"Failed\",\"run_result\":{\"status\":\"TimeLimitExceeded\",\"execution_time\":10.0,"
            + "\"return_code\":null,\"stdout\":\"\",\"stderr\":\"\"}}"
        : "{\"status\":\"Failed\",\"run_result\":{\"status\":\"Finished\",\"execution_time\":0.1,"
            + "\"return_code\":1,\"stdout\":\"\",\"stderr\":\"Traceback (most recent call last):\\n"
            + "  File \\\"/tmp/tmpab/main.py\\\", line 4, in <module>\\nMemoryError\\n\"}}", 0));
    try (HttpCodeExecutor http = HttpCodeExecutor.builder().baseUri(base).build()) {
      Execution timeout = http.execute("# loop");
      assertThat(timeout.outcome()).isEqualTo(Outcome.TIMEOUT);
      assertThat(timeout.elapsed()).isEqualTo(Duration.ofSeconds(10));
      Execution memory = http.execute("x = [0] * 10**12");
      assertThat(memory.outcome()).isEqualTo(Outcome.MEMORY_LIMIT);
      assertThat(memory.error()).contains(new ProgramError("MemoryError", "", 4));
    }
  }

  @Test
  void builder_validates() {
    assertThatThrownBy(() -> HttpCodeExecutor.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessage("baseUri is required");
    assertThatThrownBy(() -> HttpCodeExecutor.builder().baseUri(URI.create("ftp://x/")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("baseUri must be http or https, was ftp://x/");
    assertThatThrownBy(() -> HttpCodeExecutor.builder().retries(1).retries(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("retries was already set to 1");
    assertThat(HttpCodeExecutor.builder().baseUri(URI.create("http://127.0.0.1:1/api")).build().endpoint())
        .isEqualTo(URI.create("http://127.0.0.1:1/api/run_code"));
  }

  @Test
  void tracebackParser_findsTypeMessageAndUserLine() {
    assertThat(Tracebacks.parse("Traceback (most recent call last):\n"
        + "  File \"/sandbox/main.py\", line 7, in <module>\n    f()\n"
        + "  File \"/usr/lib/python3.11/site-packages/sympy/core.py\", line 99, in f\n"
        + "numpy.linalg.LinAlgError: Singular matrix\n"))
        .contains(new ProgramError("LinAlgError", "Singular matrix", 7));
    assertThat(Tracebacks.parse("just text")).isEmpty();
  }

  private static void send(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
